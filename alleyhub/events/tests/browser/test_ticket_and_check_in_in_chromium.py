"""A real Chromium at phone width: a guest registers, the ticket page shows the QR code, the
organiser scans it on the check-in page, and the second scan says it is already checked in."""

import pytest
import segno
from playwright.sync_api import expect

from alleyhub.events.models import Registration
from alleyhub.events.tickets import ticket_code
from conftest import CHROMIUM

from ..factories import EventFactory, MembershipFactory, OrganizationFactory, RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def open_page(browser, live_server, session_cookie):
    contexts = []

    def _open(user=None, **context_args):
        context_args.setdefault("viewport", PHONE)
        context = browser.new_context(locale="zh-CN", **context_args)
        if user is not None:
            context.add_cookies([session_cookie(user, live_server.url)])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield _open
    for context in contexts:
        context.close()


def test_register_ticket_qr_check_in_and_second_scan(open_page, live_server, screenshot_dir):
    org = OrganizationFactory(name_zh="“上海硅巷”科创生态协同创新平台", slug="co-innovation-platform")
    staff = MembershipFactory(organization=org).user
    event = EventFactory(organizers=[org], title_zh="上海硅巷早餐会 · 第 24 期", capacity=40)

    guest = open_page()
    guest.goto(f"{live_server.url}{event.get_absolute_url()}")
    guest.fill("input[name=name]", "韩梅梅")
    guest.fill("input[name=email]", "hanmeimei@example.com")
    guest.fill("input[name=phone]", "13912345678")
    guest.fill("input[name=organization_name]", "华泰创新")
    guest.check("input[name=consent]")
    guest.click("[data-testid=register-submit]")
    guest.wait_for_url("**/events/tickets/**")
    assert guest.locator("[data-testid=ticket-qr] svg").is_visible()
    assert guest.locator("[data-testid=ticket-status]").inner_text() == "已确认"
    guest.screenshot(path=str(screenshot_dir / "events-ticket-phone.png"), full_page=True)
    code = guest.locator("[data-testid=ticket-code]").inner_text()
    assert code == Registration.objects.get().ticket_secret

    desk = open_page(staff)
    desk.goto(f"{live_server.url}/events/{event.pk}/check-in/")
    desk.fill("[data-testid=scan-input]", f"AHEV:{code}")
    desk.press("[data-testid=scan-input]", "Enter")
    desk.wait_for_selector("[data-testid=scan-result].ok")
    assert "韩梅梅 签到成功" in desk.locator("[data-testid=scan-result]").inner_text()
    assert desk.locator("[data-testid=scan-input]").input_value() == ""  # ready for the next ticket
    expect(desk.locator("[data-testid=live-count] strong")).to_have_text("1")  # refreshed after the scan

    desk.fill("[data-testid=scan-input]", f"AHEV:{code}")
    desk.press("[data-testid=scan-input]", "Enter")
    desk.wait_for_selector("[data-testid=scan-result].already")
    text = desk.locator("[data-testid=scan-result]").inner_text()
    assert "已于" in text and str(staff) in text and "未重复计入" in text
    assert desk.locator("[data-testid=live-count] strong").inner_text() == "1"
    desk.screenshot(path=str(screenshot_dir / "events-check-in-phone.png"), full_page=True)
    # The page fits the phone: nothing wider than the screen.
    assert desk.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1


def _register(page, url, name, email):
    page.goto(url)
    page.fill("input[name=name]", name)
    page.fill("input[name=email]", email)
    page.fill("input[name=phone]", "13900000000")
    page.check("input[name=consent]")
    page.click("[data-testid=register-submit]")
    page.wait_for_url("**/events/tickets/**")


def test_the_waiting_list_moves_up_after_a_cancellation(open_page, live_server):
    event = EventFactory(title_zh="创投下午茶 · 金融科技", capacity=1)
    url = f"{live_server.url}{event.get_absolute_url()}"
    first, second = open_page(), open_page()
    _register(first, url, "李雷", "lilei@example.com")
    _register(second, url, "韩梅梅", "hanmeimei@example.com")
    assert second.locator("[data-testid=waitlisted]").is_visible()
    assert second.locator("[data-testid=ticket-qr]").count() == 0

    first.click("[data-testid=cancel-registration]")
    expect(first.locator("[data-testid=ticket-status]")).to_have_text("已取消")

    second.reload()
    expect(second.locator("[data-testid=ticket-status]")).to_have_text("候补待确认")
    second.click("[data-testid=accept-offer]")
    expect(second.locator("[data-testid=ticket-status]")).to_have_text("已确认")
    assert second.locator("[data-testid=ticket-qr] svg").is_visible()


def _qr_video(path, text: str) -> None:
    """A Y4M video of the QR code `text`, for Chromium's fake camera."""
    width, height, scale = 640, 480, 8
    rows = [list(row) for row in segno.make(text, error="m").matrix_iter(scale=scale, border=4)]
    luma = bytearray([235]) * (width * height)
    top, left = (height - len(rows)) // 2, (width - len(rows[0])) // 2
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                luma[(top + y) * width + left + x] = 16
    chroma = bytes([128]) * (width // 2 * height // 2)
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _frame in range(10):
            out.write(b"FRAME\n" + bytes(luma) + chroma + chroma)


def test_the_camera_reads_the_ticket_and_checks_it_in(browser, live_server, session_cookie, tmp_path):
    org = OrganizationFactory()
    staff = MembershipFactory(organization=org).user
    registration = RegistrationFactory(event=EventFactory(organizers=[org]), name="王小明")
    video = tmp_path / "ticket.y4m"
    _qr_video(video, ticket_code(registration.ticket_secret))
    camera_browser = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = camera_browser.new_context(viewport=PHONE, locale="zh-CN", permissions=["camera"])
        context.add_cookies([session_cookie(staff, live_server.url)])
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{live_server.url}/events/{registration.event_id}/check-in/")
        page.click("[data-testid=camera-start]")
        page.wait_for_selector("[data-testid=scan-result].ok")
        assert "王小明 签到成功" in page.locator("[data-testid=scan-result]").inner_text()
    finally:
        camera_browser.close()
    registration.refresh_from_db()
    assert registration.checked_in_by == staff


def test_scans_made_offline_are_queued_and_synced_once_back_online(open_page, live_server):
    org = OrganizationFactory()
    staff = MembershipFactory(organization=org).user
    event = EventFactory(organizers=[org])
    registration = RegistrationFactory(event=event, name="赵六")
    desk = open_page(staff)
    desk.goto(f"{live_server.url}/events/{event.pk}/check-in/")
    desk.context.set_offline(True)
    for _twice in range(2):  # the same ticket scanned twice while offline is queued once
        desk.fill("[data-testid=scan-input]", ticket_code(registration.ticket_secret))
        desk.press("[data-testid=scan-input]", "Enter")
    expect(desk.locator("[data-testid=offline-queue]")).to_contain_text("1")
    registration.refresh_from_db()
    assert registration.checked_in_at is None

    desk.context.set_offline(False)
    expect(desk.locator("[data-testid=offline-queue]")).to_be_hidden()
    registration.refresh_from_db()
    assert registration.checked_in_by == staff
