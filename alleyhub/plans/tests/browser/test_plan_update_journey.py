"""A real Chromium: a unit posts a progress update with evidence, the task force accepts it, and the
parent's progress bar on /plan/ moves."""

import pytest

from alleyhub.plans.models import PlanItem

pytestmark = pytest.mark.browser


@pytest.fixture
def as_user(browser, live_server, session_cookie):
    contexts = []

    def open_as(user, width=1280):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
        context.add_cookies([session_cookie(user, live_server.url)])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_as
    for c in contexts:
        c.close()


def test_unit_update_accepted_moves_the_parent_on_the_tree(
    transactional_db, world, as_user, live_server, tmp_path, settings, screenshot_dir
):
    settings.MEDIA_ROOT = tmp_path / "media"
    evidence = tmp_path / "签约纪要.pdf"
    evidence.write_bytes(b"%PDF-1.4 minutes")

    # 1. The lead unit's staff (on a phone) finds the item among its unit's items and reports 80 %.
    unit = as_user(world.staff_a, width=390)
    unit.goto(f"{live_server.url}/plan/mine/")
    unit.get_by_role("link", name="院地合作").click()
    unit.fill("#id_text", "与微系统所签署合作协议")
    unit.fill("#id_progress", "80")
    unit.set_input_files("#id_file1", str(evidence))
    unit.get_by_test_id("update-submit").click()
    unit.wait_for_url(f"**/plan/items/{world.a1.pk}/")
    assert "待审核" in unit.get_by_test_id("updates").inner_text()
    unit.screenshot(path=str(screenshot_dir / "plan-update-phone.png"), full_page=True)

    # 2. Before the review the parent is still at 0 %.
    lead = as_user(world.lead)
    lead.goto(f"{live_server.url}/plan/")
    assert lead.get_by_test_id(f"progress-{world.task.pk}").inner_text().startswith("0")

    # 3. The task force accepts it on the item page.
    lead.goto(f"{live_server.url}/plan/items/{world.a1.pk}/")
    assert "签约纪要.pdf" in lead.get_by_test_id("updates").inner_text()
    update = world.a1.updates.get()
    lead.get_by_test_id(f"accept-{update.pk}").click()
    lead.wait_for_url(f"**/plan/items/{world.a1.pk}/")
    assert "已采纳" in lead.get_by_test_id("updates").inner_text()

    # 4. The tree shows the new figures: the item 80 %, its parent the mean of 80 and 0.
    lead.goto(f"{live_server.url}/plan/")
    assert lead.get_by_test_id(f"progress-{world.a1.pk}").inner_text().startswith("80")
    assert lead.get_by_test_id(f"progress-{world.task.pk}").inner_text().startswith("40")
    assert PlanItem.objects.get(pk=world.task.pk).progress == 40
    lead.screenshot(path=str(screenshot_dir / "plan-tree.png"), full_page=True)
