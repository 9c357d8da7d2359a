"""Who may see and act on a request, per role."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from alleyhub.requests.models import Action
from alleyhub.requests.selectors import request_get_for_user, request_list_for_user
from alleyhub.requests.services import request_act, request_submit

from ..conftest import at
from ..factories import submit

T0 = at(2026, 11, 2, 9, 0)


@pytest.fixture
def req(world):
    return submit(org=world.ent, user=world.ent_user, now=T0)


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("ent_user", True),
        ("ent_colleague", True),
        ("other_ent_user", False),
        ("unit_staff", True),
        ("other_staff", False),
        ("coop_staff", True),
        ("lead", True),
        ("tf_member", True),
        ("operator", True),
        ("public", False),
    ],
)
def test_visibility_per_role(world, req, who, sees):
    user = getattr(world, who)
    assert (req in request_list_for_user(user=user)) is sees
    if sees:
        assert request_get_for_user(request_id=req.pk, user=user) == req
    else:
        with pytest.raises(PermissionDenied):
            request_get_for_user(request_id=req.pk, user=user)


def test_unknown_request_is_not_found(world):
    with pytest.raises(Http404):
        request_get_for_user(request_id=999999, user=world.lead)


def test_anonymous_sees_nothing(world, req):
    from django.contrib.auth.models import AnonymousUser

    assert not request_list_for_user(user=AnonymousUser()).exists()
    with pytest.raises(PermissionDenied):
        request_get_for_user(request_id=req.pk, user=AnonymousUser())


@pytest.mark.parametrize(
    ("who", "may_accept"),
    [
        ("unit_staff", True),
        ("lead", True),
        ("operator", True),
        ("coop_staff", False),
        ("other_staff", False),
        ("ent_user", False),
        ("other_ent_user", False),
    ],
)
def test_only_the_unit_in_charge_the_task_force_and_operators_accept(world, req, who, may_accept):
    user = getattr(world, who)
    if may_accept:
        assert request_act(request_id=req.pk, action=Action.ACCEPT, actor=user).status == "accepted"
    else:
        with pytest.raises(PermissionDenied):
            request_act(request_id=req.pk, action=Action.ACCEPT, actor=user)
        req.refresh_from_db()
        assert req.status == "submitted"


def test_a_member_of_the_unit_without_the_unit_staff_role_cannot_act(world, req):
    from ..factories import member

    clerk = member(world.unit, username="kewei-visitor")  # role member, not unit_staff
    with pytest.raises(PermissionDenied):
        request_act(request_id=req.pk, action=Action.ACCEPT, actor=clerk)


def test_inbox_scope_lists_the_units_requests_and_cooperations(world, req):
    assert list(request_list_for_user(user=world.unit_staff, scope="unit")) == [req]
    assert list(request_list_for_user(user=world.coop_staff, scope="unit")) == [req]
    assert not request_list_for_user(user=world.other_staff, scope="unit").exists()
    assert list(request_list_for_user(user=world.ent_user, scope="mine")) == [req]
    assert not request_list_for_user(user=world.ent_user, scope="unit").exists()


def test_only_enterprise_members_submit_for_their_enterprise(world):
    with pytest.raises(PermissionDenied):
        request_submit(
            organization=world.ent, actor=world.other_ent_user, category="finance", title="x", description="y"
        )
    with pytest.raises(PermissionDenied):
        request_submit(
            organization=world.unit, actor=world.unit_staff, category="finance", title="x", description="y"
        )


def test_bad_fields_are_refused_and_nothing_is_saved(world):
    from django.core.exceptions import ValidationError

    from alleyhub.requests.models import EnterpriseRequest

    with pytest.raises(ValidationError):
        request_submit(
            organization=world.ent, actor=world.ent_user, category="weather", title="", description=""
        )
    assert not EnterpriseRequest.objects.exists()
