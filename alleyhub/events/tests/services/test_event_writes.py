from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alleyhub.core.exceptions import ApplicationError, ConflictError
from alleyhub.core.models import AuditEntry
from alleyhub.events import services
from alleyhub.events.models import EventStatus

from ..factories import EventFactory, OrganizationFactory, VenueFactory

pytestmark = pytest.mark.django_db


def _fields(**extra):
    starts = timezone.now() + timedelta(days=10)
    return {
        "kind": "breakfast",
        "title_zh": "上海硅巷早餐会 · 集成电路专场",
        "address": "长宁区愚园路 1107 号",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        **extra,
    }


def test_member_of_the_organiser_creates_a_draft_with_its_agenda(staff, organizer_org):
    starts = timezone.now() + timedelta(days=10)
    event = services.event_create(
        actor=staff,
        organizers=[organizer_org],
        agenda=[{"starts_at": starts, "ends_at": None, "title": "签到与早餐"}],
        **_fields(starts_at=starts, ends_at=starts + timedelta(hours=2)),
    )
    assert event.status == EventStatus.DRAFT
    assert list(event.organizers.all()) == [organizer_org]
    assert [s.title for s in event.sessions.all()] == ["签到与早餐"]
    assert AuditEntry.objects.filter(code="events.event.created", target_id=str(event.pk)).exists()


def test_an_outsider_cannot_create_an_event_for_an_organisation_not_theirs(outsider, organizer_org):
    with pytest.raises(PermissionDenied):
        services.event_create(actor=outsider, organizers=[organizer_org], **_fields())


def test_an_operator_creates_events_for_any_organisation(operator):
    event = services.event_create(actor=operator, organizers=[OrganizationFactory()], **_fields())
    assert event.pk


def test_the_capacity_comes_from_the_event_venue(staff, organizer_org):
    venue = VenueFactory(capacity=120)
    event = services.event_create(actor=staff, organizers=[organizer_org], **_fields(venue=venue, address=""))
    assert event.capacity == 120
    assert venue.title in event.place


def test_an_office_is_not_an_event_venue(staff, organizer_org):
    office = VenueFactory(kind="office")
    with pytest.raises(ValidationError) as exc:
        services.event_create(actor=staff, organizers=[organizer_org], **_fields(venue=office))
    assert "venue" in exc.value.error_dict


@pytest.mark.parametrize(
    ("extra", "field"),
    [({"address": ""}, "address"), ({"title_zh": ""}, "__all__")],
)
def test_bad_event_input_is_refused_and_nothing_saved(staff, organizer_org, extra, field):
    with pytest.raises(ValidationError) as exc:
        services.event_create(actor=staff, organizers=[organizer_org], **_fields(**extra))
    assert field in exc.value.error_dict


def test_an_event_cannot_end_before_it_starts(staff, organizer_org):
    starts = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as exc:
        services.event_create(
            actor=staff,
            organizers=[organizer_org],
            **_fields(starts_at=starts, ends_at=starts - timedelta(hours=1)),
        )
    assert "ends_at" in exc.value.error_dict


def test_editing_with_a_stale_version_is_a_conflict(staff, event):
    services.event_update(event=event, actor=staff, expected_version=1, title_zh="新标题")
    with pytest.raises(ConflictError):
        services.event_update(event=event, actor=staff, expected_version=1, title_zh="另一个标题")


def test_the_capacity_cannot_drop_below_the_seats_taken(staff, event):
    services.registration_create(event=event, actor=staff)
    services.registration_create(
        event=event, actor=None, name="王五", email="w@example.com", phone="1", consent=True
    )
    with pytest.raises(ValidationError) as exc:
        services.event_update(event=event, actor=staff, capacity=1)
    assert "capacity" in exc.value.error_dict


def test_a_member_of_another_organisation_cannot_edit(outsider, event):
    with pytest.raises(PermissionDenied):
        services.event_update(event=event, actor=outsider, title_zh="x")


def test_status_moves_follow_the_table(staff, organizer_org):
    event = EventFactory(organizers=[organizer_org], status=EventStatus.DRAFT)
    event = services.event_transition(event=event, action="publish", actor=staff)
    assert event.status == EventStatus.PUBLISHED and event.published_at
    with pytest.raises(ApplicationError) as exc:
        services.event_transition(event=event, action="publish", actor=staff)
    assert exc.value.status == 409
    event = services.event_transition(event=event, action="cancel", actor=staff)
    assert event.status == EventStatus.CANCELLED


def test_cancelling_an_event_tells_everyone_registered(staff, event, mailoutbox, commit):
    with commit():
        services.registration_create(
            event=event, actor=None, name="李雷", email="l@example.com", phone="1", consent=True
        )
    mailoutbox.clear()
    with commit():
        services.event_transition(event=event, action="cancel", actor=staff)
    assert [m.to for m in mailoutbox] == [["l@example.com"]]
    assert "取消" in mailoutbox[0].subject
