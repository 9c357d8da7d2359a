import pytest
from django.urls import reverse

from ..factories import RegistrationFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "scan-result"}


def test_the_check_in_page_is_only_for_organiser_staff(client_as, staff, outsider, event):
    url = reverse("events:check_in", kwargs={"pk": event.pk})
    assert client_as(outsider).get(url).status_code == 403
    assert client_as(staff).get(url).status_code == 200


def test_a_scan_then_the_same_scan_again_says_already_checked_in(client_as, staff, event):
    registration = RegistrationFactory(event=event, name="张三")
    client = client_as(staff)
    url = reverse("events:check_in_scan", kwargs={"pk": event.pk})
    first = client.post(url, {"code": f"AHEV:{registration.ticket_secret}"}, **HTMX).content.decode()
    assert "签到成功" in first
    second = client.post(url, {"code": registration.ticket_secret}, **HTMX).content.decode()
    assert "已于" in second and "本次未重复计入" in second
    registration.refresh_from_db()
    assert registration.checked_in_by == staff


def test_a_forged_code_shows_a_refusal_in_the_result_panel(client_as, staff, event):
    response = client_as(staff).post(
        reverse("events:check_in_scan", kwargs={"pk": event.pk}), {"code": "forged"}, **HTMX
    )
    assert response.status_code == 200
    assert "无效的票码" in response.content.decode()


def test_search_by_phone_finds_the_registration(client_as, staff, event):
    RegistrationFactory(event=event, name="王小明", phone="13811112222")
    response = client_as(staff).get(
        reverse("events:check_in", kwargs={"pk": event.pk}) + "?q=1111",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="search-results",
    )
    assert "王小明" in response.content.decode()


def test_a_walk_in_is_registered_from_the_check_in_page(client_as, staff, event):
    response = client_as(staff).post(
        reverse("events:walk_in", kwargs={"pk": event.pk}), {"name": "赵六", "phone": "135"}
    )
    assert response.status_code == 302
    assert event.registrations.get().checked_in_at is not None


def test_the_live_count_counts_check_ins(client_as, staff, event):
    RegistrationFactory(event=event, name="甲")
    client = client_as(staff)
    client.post(reverse("events:walk_in", kwargs={"pk": event.pk}), {"name": "乙"})
    count = client.get(reverse("events:check_in_count", kwargs={"pk": event.pk})).content.decode()
    assert "<strong>1</strong> / 2" in count
