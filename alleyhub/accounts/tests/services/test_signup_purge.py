"""Sign-ups whose link expired unused are deleted; nothing else is."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alleyhub.accounts import services
from alleyhub.accounts.models import User
from alleyhub.accounts.tasks import PERIODIC_TASKS
from alleyhub.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_only_expired_unverified_sign_ups_are_deleted():
    long_ago = timezone.now() - timedelta(days=10)
    stale = UserFactory(username="stale@example.cn", is_active=False, signed_up_at=long_ago)
    fresh = UserFactory(username="fresh@example.cn", is_active=False, signed_up_at=timezone.now())
    verified = UserFactory(username="ok@example.cn", signed_up_at=long_ago, email_verified_at=long_ago)
    deactivated = UserFactory(username="old", is_active=False)
    assert services.signup_pending_purge() == 1
    assert not User.objects.filter(pk=stale.pk).exists()
    assert set(User.objects.values_list("pk", flat=True)) >= {fresh.pk, verified.pk, deactivated.pk}
    assert services.signup_pending_purge() == 0
    assert [name for name, _task, _minutes in PERIODIC_TASKS] == ["accounts_signup_pending_purge"]
