"""Production settings pass Django's deployment check with no warning at all."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def _deploy_check(**env_overrides: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_", "TEST_DATABASE"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="example.org",
        LOG_LEVEL="WARNING",
        **env_overrides,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issue_with_production_settings():
    result = _deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_notices_when_https_is_switched_off():
    """The check is real: turning the redirect off is reported (so the test above means something)."""
    result = _deploy_check(SECURE_SSL_REDIRECT="false")
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


def test_plain_http_is_redirected_to_https_but_the_health_probe_is_not(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = client.get("/directory/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/directory/"
    assert client.get("/healthz").status_code == 200
    secure = client.get("/directory/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")
