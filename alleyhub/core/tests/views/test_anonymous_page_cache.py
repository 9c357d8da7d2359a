"""The anonymous page cache (core/page_cache.py): public pages as anonymous visitors see them are
served from the cache, per language and URL; a member's page is never stored or served to anyone
else; every visitor gets their own CSRF token; a write empties the cache at once, and what sends
no signal is stale for PAGE_CACHE_SECONDS at most."""

import time

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from alleyhub.accounts.tests.factories import UserFactory
from alleyhub.listings.models import TechOutcome
from alleyhub.listings.tests.factories import TechOutcomeFactory

pytestmark = pytest.mark.django_db

LIST = "/listings/outcomes/"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 30
    cache.clear()
    yield
    cache.clear()


def test_the_second_anonymous_visit_costs_no_query(django_assert_num_queries):
    outcome = TechOutcomeFactory(status="published")
    first = Client().get(LIST)
    assert first.status_code == 200 and outcome.title_zh in first.content.decode()
    with django_assert_num_queries(0):
        again = Client().get(LIST)
    assert again.status_code == 200 and again.content.decode().count(
        outcome.title_zh
    ) == first.content.decode().count(outcome.title_zh)


def test_a_write_is_seen_at_once():
    outcome = TechOutcomeFactory(status="published", title_zh="旧标题的成果")
    assert "旧标题的成果" in Client().get(LIST).content.decode()
    outcome.title_zh = "新标题的成果"
    outcome.save()
    body = Client().get(LIST).content.decode()
    assert "新标题的成果" in body and "旧标题的成果" not in body


def test_a_write_without_a_signal_is_stale_for_the_ttl_at_most(settings):
    settings.PAGE_CACHE_SECONDS = 1
    outcome = TechOutcomeFactory(status="published", title_zh="旧标题的成果")
    Client().get(LIST)
    TechOutcome.objects.filter(pk=outcome.pk).update(title_zh="新标题的成果")  # no post_save
    assert "旧标题的成果" in Client().get(LIST).content.decode()  # cached, within the TTL
    time.sleep(1.2)
    assert "新标题的成果" in Client().get(LIST).content.decode()


def test_a_members_page_is_never_stored_nor_served_to_others(client):
    TechOutcomeFactory(status="published")
    member = UserFactory()
    client.force_login(member)
    name = f'data-testid="user-menu">{member}<'
    mine = client.get(LIST).content.decode()
    assert name in mine
    anonymous = Client().get(LIST).content.decode()
    assert 'data-testid="user-menu"' not in anonymous and 'data-testid="login-link"' in anonymous
    # And the anonymous page, now cached, is not what the member gets.
    assert name in client.get(LIST).content.decode()


def test_every_visitor_gets_their_own_working_csrf_token():
    Client().get(LIST)  # stored
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(LIST)
    body = page.content.decode()
    assert "\x00" not in body
    assert "csrftoken" in page.cookies  # set for this visitor, as without the cache
    token = body.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    other = Client().get(LIST).content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert token != other
    switched = visitor.post(
        reverse("accounts:set_language"), {"language": "en", "next": LIST, "csrfmiddlewaretoken": token}
    )
    assert switched.status_code == 302  # not a CSRF refusal (403)


def test_each_language_has_its_own_page():
    outcome = TechOutcomeFactory(status="published")
    assert outcome.title_zh in Client().get(LIST).content.decode()
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get(LIST).content.decode()
    assert outcome.title_en in english and 'lang="en"' in english


def test_what_is_not_cached(client):
    draft = TechOutcomeFactory(status="draft")
    url = reverse("listings:outcome_detail", args=[draft.pk])
    assert Client().get(url).status_code == 404
    draft.status = "published"
    TechOutcome.objects.filter(pk=draft.pk).update(status="published")  # no signal: a 404 was not kept
    assert Client().get(url).status_code == 200
    # htmx fragments and visitors with a session or a pending message go past the cache.
    assert cache.get(f"pagecache:zh-hans:{LIST}") is None
    Client().get(LIST, HTTP_HX_REQUEST="true")
    assert cache.get(f"pagecache:zh-hans:{LIST}") is None
    with_session = Client()
    with_session.cookies["sessionid"] = "whatever"
    with_session.get(LIST)
    assert cache.get(f"pagecache:zh-hans:{LIST}") is None
    Client().get(LIST)
    assert cache.get(f"pagecache:zh-hans:{LIST}") is not None


def test_pages_outside_the_public_ones_are_not_cached():
    Client().get(reverse("accounts:login"))
    assert not any(cache.get(f"pagecache:zh-hans:{reverse('accounts:login')}") for _ in [0])


def test_a_cache_that_is_down_serves_pages_and_lets_writes_through():
    down = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=down):
        outcome = TechOutcomeFactory(status="published")  # the write's bump fails quietly
        response = Client().get(LIST)
    assert response.status_code == 200 and outcome.title_zh in response.content.decode()
