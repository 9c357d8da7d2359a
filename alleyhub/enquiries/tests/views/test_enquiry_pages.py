"""The enquiry pages over real HTTP: the buttons, the form, the inbox, the thread."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alleyhub.core.models import AuditEntry
from alleyhub.enquiries.models import Enquiry, EnquiryStatus
from alleyhub.enquiries.services import enquiry_act, enquiry_create

pytestmark = pytest.mark.django_db


def test_service_page_has_an_apply_button(client, world):
    page = client.get(reverse("catalogue:detail", args=[world.service.pk])).content.decode()
    assert reverse("enquiries:new_service", args=[world.service.pk]) in page


def test_space_unit_page_has_an_enquire_button(client, world):
    page = client.get(reverse("spaces:unit_detail", args=[world.unit.pk])).content.decode()
    assert reverse("enquiries:new_space", args=[world.unit.pk]) in page


def test_only_the_provider_sees_the_form_editor_link(client_as, world):
    url = reverse("enquiries:service_form", args=[world.service.pk])
    assert (
        url
        in client_as(world.provider_staff)
        .get(reverse("catalogue:detail", args=[world.service.pk]))
        .content.decode()
    )
    assert (
        url
        not in client_as(world.applicant)
        .get(reverse("catalogue:detail", args=[world.service.pk]))
        .content.decode()
    )


def test_anonymous_visitors_are_sent_to_sign_in_and_back(client, world):
    url = reverse("enquiries:new_service", args=[world.service.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].endswith(f"?next={url}")


def test_form_shows_the_providers_questions_and_the_sharing_notice(client_as, world):
    page = (
        client_as(world.applicant)
        .get(reverse("enquiries:new_service", args=[world.form_service.pk]))
        .content.decode()
    )
    assert "员工人数" in page and "需求类型" in page and "担保" in page
    assert "发送即表示您同意" in page and world.applicant.email in page


def test_applying_without_consent_shows_the_error_and_sends_nothing(client_as, world):
    url = reverse("enquiries:new_service", args=[world.service.pk])
    response = client_as(world.applicant).post(url, {"message": "想了解流程"})
    assert response.status_code == 400
    assert "同意" in response.content.decode()
    assert not Enquiry.objects.exists()


def test_applying_sends_the_enquiry_and_shows_it(client_as, world):
    c = client_as(world.applicant)
    response = c.post(
        reverse("enquiries:new_service", args=[world.form_service.pk]),
        {"answer_employees": "35", "answer_need": "0", "answer_start": "2027-03-01", "consent": "on"},
    )
    e = Enquiry.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("enquiries:detail", args=[e.pk])
    page = c.get(response["Location"]).content.decode()
    assert "员工人数" in page and "35" in page and "贷款" in page
    assert "enquiry-row" in c.get(reverse("enquiries:mine")).content.decode()


def test_missing_required_answer_is_shown_beside_the_question(client_as, world):
    response = client_as(world.applicant).post(
        reverse("enquiries:new_service", args=[world.form_service.pk]), {"answer_need": "0", "consent": "on"}
    )
    assert response.status_code == 400 and "请回答此问题" in response.content.decode()


def test_space_enquiry_with_a_visit(client_as, world):
    when = (timezone.localtime() + timedelta(days=4)).strftime("%Y-%m-%dT%H:%M")
    response = client_as(world.applicant).post(
        reverse("enquiries:new_space", args=[world.unit.pk]),
        {"proposed_at": when, "party_size": "3", "message": "看工位", "consent": "on"},
    )
    assert response.status_code == 302
    e = Enquiry.objects.get()
    assert (e.party_size, e.provider) == (3, world.incubator)


def test_drafts_are_not_found_by_outsiders(client_as, world):
    world.service.status = "draft"
    world.service.save()
    assert (
        client_as(world.applicant).get(reverse("enquiries:new_service", args=[world.service.pk])).status_code
        == 404
    )


def test_inbox_lists_what_was_sent_to_my_organisation_with_filters(client_as, world):
    a = enquiry_create(target=world.service, actor=world.applicant, consent=True, message="A")
    b = enquiry_create(
        target=world.form_service,
        actor=world.applicant,
        consent=True,
        answers={"employees": "1", "need": "0"},
    )
    enquiry_create(
        target=world.unit, actor=world.applicant, consent=True, proposed_at=world.visit_time(), party_size=2
    )
    enquiry_act(enquiry_id=b.pk, action="answer", actor=world.provider_staff, body="ok")
    c = client_as(world.provider_colleague)

    def ids(query=""):
        page = c.get(reverse("enquiries:inbox") + query).content.decode()
        return {e.pk for e in Enquiry.objects.all() if f'data-id="{e.pk}"' in page}

    assert ids() == {a.pk, b.pk}
    assert ids("?status=new") == {a.pk}
    assert ids(f"?listing=service:{b.service_id}") == {b.pk}
    assert ids("?kind=space") == set()
    assert client_as(world.incubator_staff).get(reverse("enquiries:inbox")).status_code == 200


def test_inbox_is_refused_to_users_without_an_organisation(client_as, world):
    assert client_as(world.outsider).get(reverse("enquiries:inbox")).status_code == 403


def test_a_bad_filter_value_is_reported_not_a_500(client_as, world):
    response = client_as(world.provider_staff).get(reverse("enquiries:inbox") + "?status=nonsense&listing=x")
    assert response.status_code == 200


def test_provider_answers_from_the_detail_page_with_htmx(client_as, world):
    e = enquiry_create(target=world.service, actor=world.applicant, consent=True, message="A")
    response = client_as(world.provider_staff).post(
        reverse("enquiries:act", args=[e.pk, "answer"]),
        {"body": "请来窗口办理。", "version": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and 'data-status="answered"' in response.content.decode()
    # The applicant sees the answer.
    page = client_as(world.applicant).get(reverse("enquiries:detail", args=[e.pk])).content.decode()
    assert "请来窗口办理。" in page


def test_a_stale_page_gets_the_changed_meanwhile_message(client_as, world):
    e = enquiry_create(target=world.service, actor=world.applicant, consent=True, message="A")
    enquiry_act(enquiry_id=e.pk, action="answer", actor=world.provider_staff, body="x")
    response = client_as(world.provider_colleague).post(
        reverse("enquiries:act", args=[e.pk, "close"]), {"version": "1"}, HTTP_HX_REQUEST="true"
    )
    assert "已被他人修改" in response.content.decode()
    e.refresh_from_db()
    assert e.status == EnquiryStatus.ANSWERED


def test_strangers_get_404_on_detail(client_as, world):
    e = enquiry_create(target=world.service, actor=world.applicant, consent=True, message="A")
    assert client_as(world.outsider).get(reverse("enquiries:detail", args=[e.pk])).status_code == 404
    assert client_as(world.outsider).post(reverse("enquiries:act", args=[e.pk, "close"])).status_code == 404


def test_unknown_action_in_the_address_is_404(client_as, world):
    e = enquiry_create(target=world.service, actor=world.applicant, consent=True, message="A")
    assert (
        client_as(world.provider_staff).post(reverse("enquiries:act", args=[e.pk, "approve"])).status_code
        == 404
    )


def test_provider_edits_the_application_form(client_as, world):
    c = client_as(world.provider_staff)
    url = reverse("enquiries:service_form", args=[world.service.pk])
    assert c.get(url).status_code == 200
    bad = c.post(url, {"questions": "[{"})
    assert bad.status_code == 400 and "JSON" in bad.content.decode()
    good = c.post(
        url, {"questions": '[{"key": "size", "label_zh": "规模", "type": "text", "required": true}]'}
    )
    assert good.status_code == 302
    assert AuditEntry.objects.filter(code="enquiries.service_form.set").exists()
    assert client_as(world.applicant).get(url).status_code == 403


def test_home_shows_open_enquiries_to_both_parties(client_as, world):
    enquiry_create(target=world.service, actor=world.applicant, consent=True, message="A")
    assert "我的 1 条申请进行中" in client_as(world.applicant).get("/").content.decode()
    assert "1 条新的申请待答复" in client_as(world.provider_staff).get("/").content.decode()


def test_pages_work_in_english(client_as, world):
    e = enquiry_create(
        target=world.form_service,
        actor=world.applicant,
        consent=True,
        answers={"employees": "1", "need": "0"},
    )
    c = client_as(world.applicant)
    c.cookies["django_language"] = "en"
    page = c.get(reverse("enquiries:detail", args=[e.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Employees" in page


def test_members_of_the_owner_see_their_inbox_link_not_apply(client_as, world):
    page = (
        client_as(world.provider_staff)
        .get(reverse("catalogue:detail", args=[world.service.pk]))
        .content.decode()
    )
    assert 'data-testid="apply"' not in page and f"listing=service:{world.service.pk}" in page


def test_expired_listing_has_no_apply_button(client, world):
    world.unit.expires_on = timezone.localdate() - timedelta(days=1)
    world.unit.save()
    page = client.get(reverse("spaces:unit_detail", args=[world.unit.pk])).content.decode()
    assert 'data-testid="apply"' not in page
