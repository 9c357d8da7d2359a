"""Fast, deterministic settings for the test suite."""

from .base import *  # noqa: F403
from .base import DATABASES, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Other apps' tests sign in users who accepted no privacy notice; privacy's tests turn this on.
PRIVACY = {"CONSENT_AT_SIGN_IN": False}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests run in transactions that never commit and share one memory cache: the anonymous page
# cache is off, except in its own tests (core/tests/views/test_anonymous_page_cache.py).
PAGE_CACHE_SECONDS = 0
if "TEST_DATABASE_URL" in env:
    DATABASES = {"default": env.db("TEST_DATABASE_URL")}  # noqa: F811
DATABASES["default"]["CONN_MAX_AGE"] = 0  # as before persistent connections: one per test thread
# Other apps' tests sign staff in with `force_login`, which has no second factor; the accounts
# tests of two-factor sign-in switch this back on.
TWO_FACTOR_REQUIRED_FOR_STAFF = False
