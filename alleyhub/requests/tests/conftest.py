from datetime import datetime

import pytest
from django.utils import timezone

from alleyhub.accounts.models import PersonalAccessToken, Role
from alleyhub.requests.models import Category
from alleyhub.requests.routing import task_force_unit

from .factories import OrganizationFactory, RoutingRuleFactory, UnitFactory, UserFactory, member


def at(*args) -> datetime:
    """An aware datetime in Asia/Shanghai."""
    return timezone.make_aware(datetime(*args))


class World:
    """A small district: two enterprises, three units, a task force, and people in each role."""

    def __init__(self):
        self.task_force = task_force_unit()
        self.lead = member(self.task_force, role=Role.TASK_FORCE, admin=True, username="tf-lead")
        self.tf_member = member(self.task_force, role=Role.TASK_FORCE, username="tf-member")
        self.operator = UserFactory(role=Role.OPERATOR, username="operator")
        self.unit = UnitFactory(name_zh="区科委", slug="kewei")
        self.other_unit = UnitFactory(name_zh="区人社局", slug="renshe")
        self.coop_unit = UnitFactory(name_zh="华阳路街道", slug="huayang")
        self.unit_staff = member(self.unit, role=Role.UNIT_STAFF, username="kewei-staff")
        self.other_staff = member(self.other_unit, role=Role.UNIT_STAFF, username="renshe-staff")
        self.coop_staff = member(self.coop_unit, role=Role.UNIT_STAFF, username="huayang-staff")
        self.ent = OrganizationFactory(name_zh="新微传感", slug="xinwei")
        self.other_ent = OrganizationFactory(name_zh="华泰材料", slug="huatai")
        self.ent_user = member(self.ent, username="xinwei-ceo")
        self.ent_colleague = member(self.ent, username="xinwei-cfo")
        self.other_ent_user = member(self.other_ent, username="huatai-ceo")
        self.public = UserFactory(role=Role.PUBLIC, username="someone")
        self.rule = RoutingRuleFactory(category=Category.FINANCE, responsible_unit=self.unit)
        self.rule.cooperating_units.add(self.coop_unit)


@pytest.fixture
def world(db):
    return World()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def api(client):
    """The requests API with a personal access token: `api.as_(user).get(url, **params)`,
    `.post(url, data, **headers)` (headers as Django test-client keywords, e.g. HTTP_IF_MATCH)."""

    class Api:
        def __init__(self):
            self.user = None

        def as_(self, user):
            _pat, self.token = PersonalAccessToken.issue(user=user, name="test")
            return self

        def _h(self):
            return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"}

        def get(self, url, **params):
            return client.get(url, params, **self._h())

        def post(self, url, data=None, **headers):
            return client.post(url, data or {}, content_type="application/json", **self._h(), **headers)

    return Api()


def problem(resp, status):
    """The problem JSON body of a refused API call, after checking its status and type."""
    assert resp.status_code == status, resp.content
    assert resp["Content-Type"] == "application/problem+json"
    return resp.json()
