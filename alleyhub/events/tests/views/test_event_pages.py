from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alleyhub.directory.models import Industry
from alleyhub.events.models import Event, EventStatus
from alleyhub.events.selectors import event_list_for_user

from ..factories import EventFactory, EventSeriesFactory, VenueFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_upcoming_events_and_hides_drafts(client, organizer_org):
    EventFactory(organizers=[organizer_org], title_zh="即将举行的早餐会")
    EventFactory(
        organizers=[organizer_org],
        title_zh="往期创投沙龙",
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30) + timedelta(hours=2),
    )
    EventFactory(organizers=[organizer_org], title_zh="草稿活动", status=EventStatus.DRAFT)
    page = client.get(reverse("events:list")).content.decode()
    assert "即将举行的早餐会" in page and "往期创投沙龙" not in page and "草稿活动" not in page
    past = client.get(reverse("events:list") + "?when=past").content.decode()
    assert "往期创投沙龙" in past and "即将举行的早餐会" not in past


def test_filters_by_series_industry_and_month_agree_with_the_selector(client, organizer_org):
    series = EventSeriesFactory(slug="silicon-alley-breakfast")
    ic = Industry.objects.create(code="ic", name_zh="集成电路", name_en="IC")
    starts = timezone.now() + timedelta(days=40)
    wanted = EventFactory(
        organizers=[organizer_org], series=series, starts_at=starts, ends_at=starts + timedelta(hours=1)
    )
    wanted.industries.add(ic)
    EventFactory(organizers=[organizer_org])
    month = timezone.localtime(starts).strftime("%Y-%m")
    url = reverse("events:list") + f"?series={series.slug}&industry=ic&month={month}"
    page = client.get(url).content.decode()
    assert wanted.title_zh in page
    listed = event_list_for_user(user=None, series=series.slug, industry="ic", month=month)
    assert list(listed) == [wanted]
    api = client.get(f"/api/events?series={series.slug}&industry=ic&month={month}").json()
    assert [e["id"] for e in api["items"]] == [wanted.pk]


def test_a_bad_month_is_reported_not_a_500(client):
    response = client.get(reverse("events:list") + "?month=2026-13")
    assert response.status_code == 200
    assert "YYYY-MM" in response.content.decode()
    assert client.get("/api/events?month=2026-13").status_code == 422


def test_the_month_calendar_shows_the_events_of_the_month(client, organizer_org):
    starts = timezone.now() + timedelta(days=3)
    event = EventFactory(organizers=[organizer_org], starts_at=starts, ends_at=starts + timedelta(hours=1))
    month = timezone.localtime(starts).strftime("%Y-%m")
    page = client.get(reverse("events:list") + f"?view=calendar&month={month}").content.decode()
    assert "month-calendar" in page and event.title_zh in page


def test_a_draft_is_a_404_for_outsiders_and_visible_to_its_organiser(
    client, client_as, outsider, staff, organizer_org
):
    draft = EventFactory(organizers=[organizer_org], status=EventStatus.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client_as(outsider).get(draft.get_absolute_url()).status_code == 404
    assert client_as(staff).get(draft.get_absolute_url()).status_code == 200


def test_the_event_page_has_an_ics_link_and_the_ics_is_a_calendar(client, event):
    page = client.get(event.get_absolute_url()).content.decode()
    assert reverse("events:ics", kwargs={"pk": event.pk}) in page
    response = client.get(reverse("events:ics", kwargs={"pk": event.pk}))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"SUMMARY:" + event.title_zh.encode() in response.content.replace(b"\r\n ", b"")


def _form(organizer_org, **extra):
    return {
        "kind": "vc_salon",
        "title_zh": "创投沙龙 · 新材料",
        "organizers": [organizer_org.pk],
        "address": "长宁区武夷路 351 号",
        "starts_at": "2027-01-15T14:00",
        "ends_at": "2027-01-15T17:00",
        "approval_mode": "auto",
        "offer_hours": "24",
        "tags": "新材料, 投融资",
        "agenda": "14:00-14:30 签到\n14:30-16:00 项目路演",
        **extra,
    }


def test_organiser_staff_create_an_event_through_the_form(client_as, staff, organizer_org):
    response = client_as(staff).post(reverse("events:create"), _form(organizer_org))
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    assert event.tags == ["新材料", "投融资"]
    assert [s.title for s in event.sessions.all()] == ["签到", "项目路演"]


def test_a_bad_agenda_line_is_a_form_error(client_as, staff, organizer_org):
    response = client_as(staff).post(reverse("events:create"), _form(organizer_org, agenda="下午 路演"))
    assert response.status_code == 200
    assert "第 1 行" in response.content.decode()
    assert not Event.objects.exists()


def test_a_venue_of_another_kind_is_refused_on_the_form(client_as, staff, organizer_org):
    venue = VenueFactory()
    response = client_as(staff).post(
        reverse("events:create"), _form(organizer_org, venue=venue.pk, address="")
    )
    assert response.status_code == 302
    assert Event.objects.get().capacity == venue.capacity


def test_a_stale_edit_shows_changed_meanwhile(client_as, staff, organizer_org):
    event = EventFactory(organizers=[organizer_org])
    client = client_as(staff)
    data = _form(organizer_org, version=event.version)
    assert client.post(reverse("events:edit", kwargs={"pk": event.pk}), data).status_code == 302
    response = client.post(reverse("events:edit", kwargs={"pk": event.pk}), {**data, "title_zh": "另一个"})
    assert response.status_code == 200
    assert "已被他人修改" in response.content.decode()


def test_outsiders_cannot_open_the_edit_page(client_as, outsider, event):
    assert client_as(outsider).get(reverse("events:edit", kwargs={"pk": event.pk})).status_code == 403


def test_the_publish_button_moves_the_status(client_as, staff, organizer_org):
    draft = EventFactory(organizers=[organizer_org], status=EventStatus.DRAFT)
    url = reverse("events:action", kwargs={"pk": draft.pk, "action": "publish"})
    response = client_as(staff).post(url, {"version": draft.version}, HTTP_REFERER=draft.get_absolute_url())
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == EventStatus.PUBLISHED


def test_the_calendar_keeps_past_days_of_the_month_and_its_layout_on_filtering(client, organizer_org):
    now = timezone.now()
    past = EventFactory(
        organizers=[organizer_org], starts_at=now - timedelta(hours=5), ends_at=now - timedelta(hours=4)
    )
    month = timezone.localtime(past.starts_at).strftime("%Y-%m")
    response = client.get(
        reverse("events:list") + f"?view=calendar&month={month}&when=upcoming",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="results",
    )
    page = response.content.decode()
    assert "month-calendar" in page and past.title_zh in page
    assert 'name="view"' not in page  # only the results partial


def test_the_home_page_lists_upcoming_published_events(client, organizer_org):
    EventFactory(organizers=[organizer_org], title_zh="上海硅巷科技节")
    EventFactory(organizers=[organizer_org], title_zh="草稿中的沙龙", status=EventStatus.DRAFT)
    page = client.get("/").content.decode()
    assert "上海硅巷科技节" in page and "草稿中的沙龙" not in page


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_poster_is_uploaded_and_shown_to_those_who_see_the_event(
    client, client_as, staff, organizer_org, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    data = _form(organizer_org, poster=SimpleUploadedFile("海报.png", PNG, content_type="image/png"))
    assert client_as(staff).post(reverse("events:create"), data).status_code == 302
    event = Event.objects.get()
    assert event.poster.name.startswith("events/posters/") and "海报" not in event.poster.name
    url = reverse("events:poster", kwargs={"pk": event.pk})
    response = client_as(staff).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert response["Content-Disposition"] == "inline"
    client.logout()
    assert client.get(url).status_code == 404  # still a draft


def test_a_renamed_file_is_refused_as_a_poster(client_as, staff, organizer_org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = _form(organizer_org, poster=SimpleUploadedFile("poster.png", b"MZ\x90\x00 not an image"))
    response = client_as(staff).post(reverse("events:create"), data)
    assert response.status_code == 200 and "文件内容与类型不符" in response.content.decode()
    assert not Event.objects.exists()
