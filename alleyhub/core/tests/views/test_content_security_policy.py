"""Every page carries the Content-Security-Policy, and nothing on a page needs an inline script."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from alleyhub.accounts.tests.factories import OperatorFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


class _ScriptAudit(HTMLParser):
    """Collects inline scripts (without a nonce) and inline event-handler attributes."""

    def __init__(self):
        super().__init__()
        self.inline_scripts: list[str] = []
        self.handlers: list[str] = []
        self.style_attributes: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.handlers += [f"<{tag} {name}>" for name in attributes if name.startswith("on")]
        self.handlers += [f"<{tag} {name}>" for name in attributes if name.startswith("hx-on")]
        self.handlers += [
            f"<{tag} {name}>" for name, value in attributes.items() if (value or "").startswith("javascript:")
        ]
        if "style" in attributes:
            self.style_attributes.append(tag)
        if tag == "script":
            data_only = attributes.get("type") in ("application/json", "application/ld+json")
            self._in_inline_script = "src" not in attributes and "nonce" not in attributes and not data_only

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False

    def handle_data(self, data):
        if self._in_inline_script and data.strip():
            self.inline_scripts.append(data.strip()[:80])


def _audit(html: str) -> _ScriptAudit:
    audit = _ScriptAudit()
    audit.feed(html)
    return audit


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def _assert_policy(response):
    policy = _directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["style-src"]


PUBLIC_PAGES = [
    "/",
    "/accounts/login/",
    "/directory/",
    "/search/",
    "/services/",
    "/spaces/",
    "/listings/outcomes/",
    "/api/docs",
    "/admin/login/",
    "/no-such-page/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_send_the_policy_and_have_no_inline_script(client, path):
    response = client.get(path)
    assert response.status_code == (404 if path == "/no-such-page/" else 200)
    _assert_policy(response)
    audit = _audit(response.content.decode())
    assert audit.inline_scripts == []
    assert audit.handlers == []


def test_signed_in_pages_send_the_policy_and_have_no_inline_script(client_as):
    client = client_as(OperatorFactory())
    for name in ["accounts:me", "notifications:list", "requests:index", "brokerage:board", "matching:mine"]:
        response = client.get(reverse(name), follow=True)
        assert response.status_code == 200, name
        _assert_policy(response)
        audit = _audit(response.content.decode())
        assert audit.inline_scripts == [], name
        assert audit.handlers == [], name
        assert audit.style_attributes == [], name


def test_the_lockout_page_sends_the_policy(client, settings):
    settings.AXES_FAILURE_LIMIT = 1
    UserFactory(username="alice")
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 429
    _assert_policy(response)


def test_no_template_has_an_inline_script_or_handler():
    """The rule for pages we do not render above: every template of the project."""
    offenders = []
    templates = [
        *ROOT.joinpath("templates").rglob("*.html"),
        *ROOT.joinpath("alleyhub").rglob("templates/**/*.html"),
    ]
    for path in templates:
        text = path.read_text()
        for match in re.finditer(r"<script\b([^>]*)>", text):
            attributes = match.group(1)
            if (
                "src=" not in attributes
                and "nonce=" not in attributes
                and "application/json" not in attributes
            ):
                offenders.append(f"{path.relative_to(ROOT)}: inline <script>")
        if re.search(r"\son[a-z]+\s*=|\shx-on[:-]|javascript:|\sstyle\s*=", text):
            offenders.append(f"{path.relative_to(ROOT)}: inline handler or style")
    assert templates
    assert offenders == []
