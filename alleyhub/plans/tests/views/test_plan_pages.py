from datetime import date

import pytest
from django.urls import reverse

from alleyhub.plans.models import PlanItem, ProgressUpdate


def test_the_tree_is_for_platform_staff_only(world, client):
    url = reverse("plans:index")
    assert client.get(url).status_code == 302
    client.force_login(world.member)
    assert client.get(url).status_code == 403
    for who in (world.staff_c, world.lead, world.operator):
        client.force_login(who)
        page = client.get(url)
        assert page.status_code == 200
        assert "院地合作" in page.content.decode()


def test_filters_by_unit_status_and_year_keep_ancestors(world, client):
    client.force_login(world.lead)
    page = client.get(reverse("plans:index"), {"unit": world.unit_b.pk}).content.decode()
    assert "院地合作" in page and "孵化器培育" not in page
    assert "集聚创新要素" in page  # the ancestor that places it
    page = client.get(reverse("plans:index"), {"year": 2030}).content.decode()
    assert "院地合作" not in page
    page = client.get(reverse("plans:index"), {"year": "abc", "status": "nonsense"})
    assert page.status_code == 200  # a bad filter is shown, never breaks the list


def test_my_units_items(world, client):
    client.force_login(world.staff_b)
    page = client.get(reverse("plans:mine")).content.decode()
    assert "院地合作" in page and "孵化器培育" not in page


def test_the_item_form_shows_clear_errors_and_saves_nothing(world, client):
    client.force_login(world.lead)
    url = reverse("plans:item_edit", args=[world.a1.pk])
    base = {
        "plan": world.plan.pk,
        "parent": world.task.pk,
        "kind": "sub_item",
        "title_zh": "院地合作",
        "weight": "1",
        "position": "0",
        "version": world.a1.version,
    }
    page = client.post(url, {**base, "progress": "120"})
    assert page.status_code == 200 and "field-error" in page.content.decode()
    page = client.post(url, {**base, "due_date": "2026-06-30"})
    assert "完成时限不能晚于上级事项" in page.content.decode()
    page = client.post(url, {**base, "parent": world.a1.pk})
    assert "循环" in page.content.decode()
    a1 = PlanItem.objects.get(pk=world.a1.pk)
    assert (a1.progress, a1.due_date, a1.parent_id) == (0, date(2025, 6, 30), world.task.pk)
    assert client.post(url, {**base, "progress": "40"}).status_code == 302
    assert PlanItem.objects.get(pk=world.task.pk).progress == 20


def test_unit_staff_cannot_open_the_edit_form(world, client):
    client.force_login(world.staff_a)
    assert client.get(reverse("plans:item_edit", args=[world.a1.pk])).status_code == 403
    assert client.get(reverse("plans:item_create")).status_code == 403


def test_post_an_update_and_accept_it_through_the_pages(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.staff_a)
    page = client.get(reverse("plans:item", args=[world.a1.pk])).content.decode()
    assert 'data-testid="update-form"' in page
    bad = client.post(reverse("plans:update_create", args=[world.a1.pk]), {"text": "进展", "progress": "101"})
    assert bad.status_code == 400 and not ProgressUpdate.objects.exists()
    client.post(reverse("plans:update_create", args=[world.a1.pk]), {"text": "签约完成", "progress": "80"})
    update = ProgressUpdate.objects.get()
    # Another unit's staff sees the item but gets no form, and a forged post is refused.
    client.force_login(world.staff_c)
    assert (
        'data-testid="update-form"'
        not in client.get(reverse("plans:item", args=[world.a1.pk])).content.decode()
    )
    assert (
        client.post(
            reverse("plans:update_create", args=[world.a1.pk]), {"text": "x", "progress": "5"}
        ).status_code
        == 403
    )
    client.force_login(world.lead)
    client.post(reverse("plans:update_review", args=[update.pk, "accept"]), {"version": update.version})
    assert PlanItem.objects.get(pk=world.task.pk).progress == 40
    page = client.get(reverse("plans:index")).content.decode()
    assert "40%" in page


def test_override_form_needs_a_reason(world, client):
    client.force_login(world.lead)
    page = client.post(reverse("plans:item_override", args=[world.task.pk]), {"progress": "70", "reason": ""})
    assert page.status_code == 400 and "理由" in page.content.decode()
    client.post(
        reverse("plans:item_override", args=[world.task.pk]), {"progress": "70", "reason": "督查口径"}
    )
    page = client.get(reverse("plans:item", args=[world.task.pk])).content.decode()
    assert "手动设定" in page and "督查口径" in page


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_excel_export_and_import_round_trip(world, client, lang):
    client.force_login(world.lead)
    data = client.get(reverse("plans:export"), {"plan": world.plan.slug}).content
    from alleyhub.plans import excel

    other = type(world.plan).objects.create(
        slug=f"copy-{lang}", title_zh="副本", year_start=2023, year_end=2025
    )
    counts = excel.import_plan(plan=other, data=data, actor=world.lead)
    assert counts == {"created": 3, "updated": 0}
    copy = PlanItem.objects.get(plan=other, title_zh="院地合作")
    assert copy.parent.title_zh == "集聚创新要素" and list(copy.cooperating_units.all()) == [world.unit_b]
    # Again: the same codes update instead of duplicating.
    assert excel.import_plan(plan=other, data=data, actor=world.lead) == {"created": 0, "updated": 3}


def test_a_bad_row_refuses_the_whole_import(world, client):
    import io

    from openpyxl import Workbook

    from alleyhub.plans.excel import COLUMNS

    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    ws.append(
        ["9", "", "major_task", "好的一行", "", "", "", "", "2023-01-01", "2025-12-31", 1, 0, "not_started"]
    )
    ws.append(
        ["9.1", "9", "sub_item", "超期子项", "", "", "", "", "2023-01-01", "2026-12-31", 1, 0, "not_started"]
    )
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "plan.xlsx"
    client.force_login(world.lead)
    page = client.post(reverse("plans:import"), {"plan": world.plan.pk, "file": buf})
    assert page.status_code == 400 and "第 3 行" in page.content.decode()
    assert not PlanItem.objects.filter(code__in=["9", "9.1"]).exists()


def test_kpi_pages_and_a_future_entry_error(world, client):
    from alleyhub.plans.models import Kpi

    Kpi.objects.create(
        code="events", name_zh="举办科创活动", unit_zh="场", source="entered", responsible_unit=world.unit_b
    )
    client.force_login(world.staff_b)
    assert "举办科创活动" in client.get(reverse("plans:kpis")).content.decode()
    page = client.post(reverse("plans:kpi_value_create", args=["events"]), {"year": "2099", "value": "3"})
    assert page.status_code == 400 and "未来" in page.content.decode()
    client.force_login(world.staff_c)
    assert (
        client.post(
            reverse("plans:kpi_value_create", args=["events"]), {"year": "2024", "value": "3"}
        ).status_code
        == 403
    )
