"""The notification preferences page, linked from the account page."""

import pytest
from django.test import Client
from django.urls import reverse

from alleyhub.notifications.models import NotificationPreference
from alleyhub.notifications.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("notifications:preferences")


def test_the_account_page_links_to_the_preferences_page(client):
    client.force_login(UserFactory())
    assert f'href="{URL}"' in client.get(reverse("accounts:me")).content.decode()
    page = client.get(URL)
    assert page.status_code == 200
    assert 'name="category_matches"' in page.content.decode()


def test_saving_per_category_choices(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        URL, {"email_mode": "daily", "category_matches": "off", "category_cases": "immediate"}
    )
    assert response.status_code == 302 and response["Location"] == URL
    pref = NotificationPreference.objects.get(user=user)
    assert pref.email_mode == "daily"
    assert pref.category_modes == {"matches": "off", "cases": "immediate"}
    page = client.get(URL).content.decode()
    assert '<option value="off" selected>' in page


def test_the_short_form_on_the_list_keeps_the_categories(client):
    user = UserFactory()
    client.force_login(user)
    client.post(URL, {"email_mode": "daily", "category_matches": "off"})
    response = client.post(URL, {"email_mode": "immediate"})
    assert response.status_code == 302 and response["Location"] == reverse("notifications:list")
    pref = NotificationPreference.objects.get(user=user)
    assert (pref.email_mode, pref.category_modes) == ("immediate", {"matches": "off"})


def test_bad_choices_are_refused(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(URL, {"email_mode": "daily", "category_matches": "hourly"})
    assert response.status_code == 422
    assert not NotificationPreference.objects.filter(user=user).exists()


def test_the_page_needs_sign_in():
    assert Client().get(URL).status_code == 302
