import pytest
from django.conf import settings
from django.urls import reverse

from alleyhub.accounts.demo import DEMO_PASSWORD
from alleyhub.accounts.hooks import login_demo_personas
from alleyhub.accounts.models import Role
from alleyhub.accounts.selectors import demo_accounts_for_login
from alleyhub.accounts.tests.factories import PASSWORD, MembershipFactory, UserFactory
from alleyhub.directory.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_login_page_lists_no_accounts_without_demo_users(client):
    UserFactory(username="realuser")
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="demo-accounts"' not in body
    assert "realuser" not in body


def test_login_page_lists_demo_accounts_with_role_and_organisation_while_they_exist(client):
    demo = UserFactory(username="demo-broker", role=Role.BROKER, is_demo=True)
    MembershipFactory(user=demo, organization=OrganizationFactory(name_zh="华泰创新"))
    UserFactory(username="realuser")
    body = client.get(reverse("accounts:login")).content.decode()
    assert 'data-testid="demo-accounts"' in body
    assert "demo-broker" in body
    assert "科技经纪人" in body
    assert "华泰创新" in body
    assert "realuser" not in body
    assert DEMO_PASSWORD in body


def test_demo_accounts_disappear_from_the_login_page_when_demo_users_are_gone(client):
    demo = UserFactory(username="demo-operator", role=Role.OPERATOR, is_demo=True)
    assert "demo-operator" in client.get(reverse("accounts:login")).content.decode()
    demo.delete()
    body = client.get(reverse("accounts:login")).content.decode()
    assert "demo-operator" not in body
    assert 'data-testid="demo-password"' not in body


def test_signing_in_redirects_home_and_applies_the_preferred_language(client):
    UserFactory(username="alice", preferred_language="en")
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in client.get(reverse("core:home")).content.decode()


def test_wrong_password_is_refused_with_a_message(client):
    UserFactory(username="alice")
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client_as):
    client = client_as(UserFactory())
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_my_account_requires_login_and_lists_memberships(client, client_as):
    assert client.get(reverse("accounts:me")).status_code == 302
    m = MembershipFactory(organization=OrganizationFactory(name_zh="硅巷 NO.1 运营公司"))
    body = client_as(m.user).get(reverse("accounts:me")).content.decode()
    assert "硅巷 NO.1 运营公司" in body


def test_saving_the_preferred_language_switches_the_site_language(client_as):
    user = UserFactory()
    client = client_as(user)
    response = client.post(reverse("accounts:me"), {"action": "preferences", "preferred_language": "en"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.preferred_language == "en"
    assert '<html lang="en">' in client.get(reverse("accounts:me")).content.decode()


def test_the_language_switch_persists_for_a_signed_in_user(client_as):
    user = UserFactory()
    client = client_as(user)
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/directory/"})
    assert response.status_code == 302
    assert response["Location"] == "/directory/"
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_an_unknown_language_is_ignored(client_as):
    user = UserFactory()
    client_as(user).post(reverse("accounts:set_language"), {"language": "xx"})
    user.refresh_from_db()
    assert user.preferred_language == "zh-hans"


def test_without_a_demo_provider_the_login_page_shows_roles_and_no_password(client):
    UserFactory(username="demo-broker", role=Role.BROKER, is_demo=True)
    with login_demo_personas.replaced():
        accounts, password = demo_accounts_for_login()
        body = client.get(reverse("accounts:login")).content.decode()
    assert [a.username for a in accounts] == ["demo-broker"]
    assert password == ""
    assert "demo-broker" in body and 'data-testid="demo-password"' not in body
