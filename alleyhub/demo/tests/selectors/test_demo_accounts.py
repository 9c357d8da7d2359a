import pytest
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

from alleyhub.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from alleyhub.accounts.models import Role, User
from alleyhub.demo.selectors import demo_accounts
from alleyhub.directory.models import Person
from alleyhub.listings.models import InvestorProfile, TechDemand


def test_each_role_has_a_demo_account_with_its_organisation(district):
    users = {
        u.username: u
        for u in User.objects.filter(is_demo=True)
        .exclude(
            password__startswith=UNUSABLE_PASSWORD_PREFIX
        )  # the demo's newcomer, who cannot sign in, is no persona
        .prefetch_related("memberships__organization")
    }
    assert set(users) == {spec.username for spec in DEMO_ACCOUNTS}
    for spec in DEMO_ACCOUNTS:
        user = users[spec.username]
        assert user.role == spec.role
        assert user.check_password(DEMO_PASSWORD)
        assert [m.organization.slug for m in user.memberships.all()] == [spec.organization]
    assert users["demo-operator"].is_staff and users["demo-operator"].is_operator
    assert users["demo-taskforce"].role == Role.TASK_FORCE
    assert users["demo-unit"].memberships.get().organization.kind == "government_unit"
    assert not any(u.is_superuser for u in users.values())


def test_demo_personas_own_what_their_role_needs(district):
    broker = Person.objects.get(user__username="demo-broker")
    assert broker.kind == Person.Kind.BROKER
    researcher = Person.objects.get(user__username="demo-researcher")
    assert researcher.affiliations.get().organization.slug == "simit"
    assert researcher.outcomes.filter(owner__slug="simit", title_zh="面向TWS耳机的低噪声MEMS麦克风").exists()
    enterprise = User.objects.get(username="demo-enterprise").memberships.get()
    assert enterprise.role == "admin" and enterprise.organization.kind == "enterprise"
    demands = TechDemand.objects.filter(owner=enterprise.organization)
    assert demands.filter(status="published").count() >= 2 and demands.filter(status="draft").exists()
    assert demands.filter(description_zh__contains="我们做无线耳机，想找体积小、底噪低的拾音元件").exists()
    investor = User.objects.get(username="demo-investor").memberships.get().organization
    assert investor.kind == "investor"
    assert InvestorProfile.objects.filter(owner=investor, status="published").exists()


def test_demo_accounts_lists_the_active_demo_users_in_role_order_with_labels(district):
    accounts = demo_accounts()
    assert [a.username for a in accounts] == [
        spec.username for spec in DEMO_ACCOUNTS
    ]  # not the newcomer who cannot sign in
    assert all(isinstance(a, User) and a.is_demo for a in accounts)
    researcher = next(a for a in accounts if a.username == "demo-researcher")
    assert str(researcher.role_label) == "科研人员"
    assert researcher.organization_name == "中国科学院上海微系统与信息技术研究所"
    assert researcher.check_password(DEMO_PASSWORD)
    User.objects.filter(username="demo-broker").update(is_active=False)
    assert "demo-broker" not in [a.username for a in demo_accounts()]


@pytest.mark.django_db
def test_demo_accounts_is_empty_without_demo_data():
    User.objects.create_user(username="real-person", password="x" * 12)
    assert demo_accounts() == []


def test_provider_and_space_personas_administer_a_real_provider_and_space_operator(district):
    from alleyhub.catalogue.models import ServiceOffering
    from alleyhub.spaces.models import Building, SpaceUnit

    provider = User.objects.get(username="demo-provider").memberships.get()
    assert provider.role == "admin"
    assert provider.organization.name_zh == "长三角科创金融联盟"
    assert ServiceOffering.objects.filter(owner=provider.organization, status="published").count() >= 2
    space = User.objects.get(username="demo-space").memberships.get()
    assert space.role == "admin"
    assert Building.objects.filter(operator=space.organization, name_zh="硅巷创客厅").exists()
    assert SpaceUnit.objects.filter(owner=space.organization, status="published").exists()


def test_login_page_describes_every_persona_in_both_languages(district, client):
    from django.urls import reverse

    body = client.get(reverse("accounts:login")).content.decode()
    for username in ("demo-provider", "demo-space"):
        assert username in body
    assert "长三角科创金融联盟：维护服务清单与附件" in body
    assert body.count('data-testid="demo-account-summary"') == len(DEMO_ACCOUNTS)
    english = client.get(reverse("accounts:login"), headers={"accept-language": "en"}).content.decode()
    assert "Service provider" in english
    assert "YRD Sci-Tech Finance Alliance: keep its services and their files up to date" in english
    assert "Maker Hall" in english
