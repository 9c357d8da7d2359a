"""Sending an application for a service or an enquiry about a space unit."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.models import AuditEntry, ListingStatus
from alleyhub.enquiries.models import Enquiry, EnquiryKind, EnquiryStatus
from alleyhub.enquiries.services import enquiry_create
from alleyhub.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_message_application_goes_to_the_provider_with_the_applicants_contact(world):
    e = enquiry_create(target=world.service, actor=world.applicant, consent=True, message="想了解登记流程")
    assert (e.kind, e.status, e.provider, e.service) == (
        EnquiryKind.SERVICE,
        EnquiryStatus.NEW,
        world.provider,
        world.service,
    )
    assert e.contact_email == world.applicant.email and e.contact_phone == "13800000000"
    assert e.contact_shared_at is not None
    audit = AuditEntry.objects.get(code="enquiries.enquiry.created", target_id=str(e.pk))
    assert audit.data["contact_shared"] == {"name": True, "email": True, "phone": True}


def test_provider_members_are_told_and_the_applicant_gets_a_receipt(world):
    e = enquiry_create(target=world.service, actor=world.applicant, consent=True, message="你好")
    codes = {(n.recipient.username, n.code) for n in Notification.objects.filter(target_id=e.pk)}
    assert codes == {
        ("stex-staff", "enquiries.enquiry.created"),
        ("stex-colleague", "enquiries.enquiry.created"),
        ("xinwei-ceo", "enquiries.enquiry.sent"),
    }


def test_notification_is_written_in_the_recipients_language(world):
    world.provider_staff.preferred_language = "en"
    world.provider_staff.save()
    e = enquiry_create(target=world.service, actor=world.applicant, consent=True, message="你好")
    n = Notification.objects.get(recipient=world.provider_staff, target_id=e.pk)
    assert n.title.startswith("Service application (new)")


def test_without_consent_nothing_is_sent(world):
    with pytest.raises(ValidationError) as exc:
        enquiry_create(target=world.service, actor=world.applicant, consent=False, message="你好")
    assert "consent" in exc.value.message_dict
    assert not Enquiry.objects.exists()


def test_service_without_questions_needs_a_message(world):
    with pytest.raises(ValidationError) as exc:
        enquiry_create(target=world.service, actor=world.applicant, consent=True, message="  ")
    assert "message" in exc.value.message_dict


def test_answers_to_the_providers_questions_are_stored_with_both_labels(world):
    e = enquiry_create(
        target=world.form_service,
        actor=world.applicant,
        consent=True,
        answers={"employees": "35", "need": "1", "start": "2027-01-05"},
    )
    assert [(a["key"], a["value"]) for a in e.answers] == [
        ("employees", "35"),
        ("need", "担保"),
        ("start", "2027-01-05"),
    ]
    assert e.answers[0]["label_en"] == "Employees"


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"need": "0"}, "answer_employees"),  # required answer missing
        ({"employees": "3", "need": "7"}, "answer_need"),  # no such choice
        ({"employees": "3", "need": "贷款", "start": "05/01/2027"}, "answer_start"),  # not a date
    ],
)
def test_bad_answers_are_refused_per_question(world, answers, field):
    with pytest.raises(ValidationError) as exc:
        enquiry_create(target=world.form_service, actor=world.applicant, consent=True, answers=answers)
    assert field in exc.value.message_dict
    assert not Enquiry.objects.exists()


def test_space_enquiry_proposes_a_visit(world):
    when = world.visit_time()
    e = enquiry_create(target=world.unit, actor=world.applicant, consent=True, proposed_at=when, party_size=3)
    assert (e.kind, e.provider, e.space_unit, e.proposed_at, e.party_size) == (
        EnquiryKind.SPACE,
        world.incubator,
        world.unit,
        when,
        3,
    )
    assert Notification.objects.filter(
        recipient=world.incubator_staff, code="enquiries.enquiry.created"
    ).exists()


@pytest.mark.parametrize(
    ("proposed", "party", "fields"),
    [
        (None, 2, {"proposed_at"}),
        (-1, 2, {"proposed_at"}),
        (400, 2, {"proposed_at"}),
        (3, 0, {"party_size"}),
        (3, None, {"party_size"}),
        (3, 51, {"party_size"}),
    ],
)
def test_space_enquiry_needs_a_future_visit_and_a_party_size(world, proposed, party, fields):
    when = None if proposed is None else timezone.now() + timedelta(days=proposed)
    with pytest.raises(ValidationError) as exc:
        enquiry_create(
            target=world.unit, actor=world.applicant, consent=True, proposed_at=when, party_size=party
        )
    assert set(exc.value.message_dict) == fields


@pytest.mark.parametrize("change", ["draft", "archived", "expired"])
def test_only_live_listings_take_enquiries(world, change):
    if change == "expired":
        world.service.expires_on = timezone.localdate() - timedelta(days=1)
    else:
        world.service.status = change
    world.service.save()
    with pytest.raises(ApplicationError) as exc:
        enquiry_create(target=world.service, actor=world.applicant, consent=True, message="x")
    assert exc.value.extra["code"] == "target_not_live"


def test_members_cannot_apply_to_their_own_organisation(world):
    with pytest.raises(ApplicationError) as exc:
        enquiry_create(target=world.service, actor=world.provider_staff, consent=True, message="x")
    assert exc.value.extra["code"] == "own_listing"


def test_applying_for_an_organisation_one_is_not_a_member_of_is_refused(world):
    with pytest.raises(PermissionDenied):
        enquiry_create(
            target=world.service,
            actor=world.outsider,
            consent=True,
            message="x",
            applicant_organization=world.enterprise,
        )


def test_anonymous_users_cannot_send(world):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        enquiry_create(target=world.service, actor=AnonymousUser(), consent=True, message="x")


def test_sending_is_limited_per_hour(world, settings):
    settings.ENQUIRIES_PER_HOUR = 2
    for _ in range(2):
        enquiry_create(target=world.service, actor=world.applicant, consent=True, message="x")
    with pytest.raises(ApplicationError) as exc:
        enquiry_create(target=world.service, actor=world.applicant, consent=True, message="x")
    assert (exc.value.status, exc.value.extra["code"]) == (429, "rate_limited")
    # An hour later the allowance is back.
    later = timezone.now() + timedelta(hours=1, minutes=1)
    enquiry_create(target=world.service, actor=world.applicant, consent=True, message="x", now=later)
    assert Enquiry.objects.count() == 3


def test_draft_target_is_refused_even_for_operators(world):
    world.unit.status = ListingStatus.DRAFT
    world.unit.save()
    with pytest.raises(ApplicationError):
        enquiry_create(
            target=world.unit,
            actor=world.operator,
            consent=True,
            proposed_at=world.visit_time(),
            party_size=1,
        )
