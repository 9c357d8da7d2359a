"""A real Chromium walks a request from submission to rating, as three different people."""

import pytest

from alleyhub.requests.models import EnterpriseRequest

from ..conftest import World

pytestmark = pytest.mark.browser


@pytest.fixture
def as_user(browser, live_server, session_cookie):
    """A browser page signed in as `user` (a real session cookie, no login form needed)."""
    contexts = []

    def open_as(user):
        cookie = session_cookie(user, live_server.url)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        context.add_cookies([cookie])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_as
    for c in contexts:
        c.close()


def test_request_from_submission_to_rating(transactional_db, as_user, live_server, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = World()
    attachment = tmp_path / "财务报表.pdf"
    attachment.write_bytes(b"%PDF-1.4 demo")

    # 1. The enterprise submits, with an attachment.
    ent = as_user(world.ent_user)
    ent.goto(f"{live_server.url}/requests/")
    ent.get_by_test_id("new-request").click()
    ent.select_option("#id_category", "finance")
    ent.fill("#id_title", "申请科技履约贷")
    ent.fill("#id_description", "拟申请 500 万元科技履约贷款。")
    ent.select_option("#id_contact_preference", "email")
    ent.set_input_files("#id_files", str(attachment))
    ent.get_by_test_id("submit-request").click()
    ent.wait_for_url("**/requests/*/")
    assert ent.get_by_test_id("status").inner_text() == "已提交"
    assert ent.get_by_test_id("unit").inner_text() == "区科委"
    assert "财务报表.pdf" in ent.get_by_test_id("attachments").inner_text()
    req = EnterpriseRequest.objects.get()
    detail = f"{live_server.url}/requests/{req.pk}/"

    # 2. The unit in charge sees it in its inbox, accepts it and answers (HTMX, one click each).
    unit = as_user(world.unit_staff)
    unit.goto(f"{live_server.url}/requests/inbox/")
    unit.get_by_role("link", name="申请科技履约贷").click()
    unit.wait_for_url(detail)
    lead = as_user(world.lead)  # the task-force lead has the same request open
    lead.goto(detail)
    unit.get_by_test_id("action-accept").click()
    unit.wait_for_selector('#request-panel[data-status="accepted"]')
    # The lead's page is now stale: the click gets a clear conflict message, nothing changes.
    lead.get_by_test_id("action-accept").click()
    assert "已被他人修改" in lead.get_by_test_id("action-error").inner_text()
    unit.get_by_test_id("note").fill("已为企业对接两家合作银行。")
    unit.get_by_test_id("action-answer").click()
    unit.wait_for_selector('#request-panel[data-status="answered"]')
    assert unit.get_by_test_id("answer").inner_text() == "已为企业对接两家合作银行。"

    # 3. The enterprise reads the answer, rates it and closes the request.
    ent.goto(f"{live_server.url}/requests/mine/")
    assert "已答复" in ent.get_by_test_id("request-row").inner_text()
    ent.goto(detail)
    ent.select_option('[data-testid="score"]', "4")
    ent.get_by_test_id("note").fill("很及时")
    ent.get_by_test_id("action-close").click()
    ent.wait_for_selector('#request-panel[data-status="closed"]')
    assert "4 / 5" in ent.get_by_test_id("rating").inner_text()
    timeline = ent.get_by_test_id("timeline").inner_text()
    for step in ("提交", "受理", "答复", "办结并评价"):
        assert step in timeline
    req.refresh_from_db()
    assert req.status == "closed" and req.ratings.get().score == 4
    assert req.events.filter(action="accept").count() == 1
