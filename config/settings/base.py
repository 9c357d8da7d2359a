"""Settings shared by every environment. Values come from environment variables (django-environ)."""

import secrets
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("ALLEYHUB_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once into var/ for the embedded default."""
    if value := env.str("SECRET_KEY", default=""):
        return value
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Reverse proxies in front of the site whose client-address header may be believed
# (`core.http.client_ip`): 0 = none, the client's address is REMOTE_ADDR and forwarded-for headers
# are ignored (a client could write any address into them).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXY_HEADER = env.str("TRUSTED_PROXY_HEADER", default="X-Forwarded-For")
# The address people use to reach the site; e-mails link to it.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "ninja",  # serves the Swagger UI assets from its static files (no CDN)
    "alleyhub.core",
    "alleyhub.accounts",
    "alleyhub.directory",
    "alleyhub.privacy",
    "alleyhub.listings",
    "alleyhub.catalogue",
    "alleyhub.spaces",
    "alleyhub.matching",
    "alleyhub.brokerage",
    "alleyhub.requests",
    "alleyhub.notifications",
    "alleyhub.freshness",
    "alleyhub.enquiries",
    "alleyhub.sheets",
    "alleyhub.events",
    "alleyhub.plans",
    "alleyhub.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "alleyhub.core.middleware.RejectNulCharactersMiddleware",
    "alleyhub.core.middleware.NumbersOutOfRangeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Public pages as anonymous visitors see them (core/page_cache.py): after CSRF, sessions and
    # messages, before everything that concerns only signed-in users.
    "alleyhub.core.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "alleyhub.core.pages.PageErrorMiddleware",
    "alleyhub.accounts.middleware.StaffIdleTimeoutMiddleware",
    "alleyhub.accounts.middleware.TwoFactorRequiredMiddleware",
    "alleyhub.privacy.middleware.ConsentRequiredMiddleware",
    # Last, so it sees the response of a refused sign-in and turns a lockout into our page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alleyhub.core.context_processors.site",
            ],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'alleyhub.sqlite3'}")}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
# Persistent connections: opening a PostgreSQL connection per request (the default, 0) cost more
# than most pages' queries (loadtest/README.md). Health checks drop a connection that went away.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process and the task worker read and write the embedded database together.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            # Writers take the lock when their transaction starts and wait for each other, instead
            # of failing with "database is locked" when a read transaction turns into a write.
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Anonymous visitors' public pages are cached this long at most (alleyhub/core/page_cache.py; a
# write empties the cache at once, this bounds what sends no signal). 0 turns it off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=30)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
# Where an invited colleague without an account signs up when accounts has no "signup" route yet.
ALLEYHUB_SIGNUP_PATH = "/accounts/signup/"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

LANGUAGE_CODE = "zh-hans"
# Each language is named in its own language (never translated): the switch and the preference menu
# read the same in both UIs, and Django's own catalogue would otherwise turn "English" into "英语".
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files (case files, request attachments) live outside the web root and are served
# only through views that check permissions.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Alley Hub <noreply@alleyhub.local>")

# Background tasks: the database-backed worker (`manage.py db_worker`) in the embedded default; in
# production set TASKS_BACKEND=django_tasks_rq.RQBackend and REDIS_URL for Redis-backed workers
# (`manage.py rqworker default --job-class django_tasks_rq.Job`).
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
# Task rows still "running" after this long belong to a worker that was killed: the scheduler marks
# them failed and re-enqueues the idempotent ones (notifications/scheduling.py sweep_stale_running).
TASKS_STALE_AFTER_MINUTES = env.float("TASKS_STALE_AFTER_MINUTES", default=30)
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    TASKS["default"]["QUEUES"] = ["default"]
    INSTALLED_APPS += ["django_rq"]

NINJA_PAGINATION_PER_PAGE = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"jieba": {"level": "WARNING"}},
}

# Matching engine: the embedding model runs in-process; OpenMP must not spin (see docs/matching.md).
MATCHING = {
    "EMBEDDINGS": env.bool("MATCHING_EMBEDDINGS", default=True),
    "TOP_K": 10,
}

# Sign-in protection (accounts/lockout.py); the client address is core.http.client_ip
# (TRUSTED_PROXY_COUNT above).
AXES_VERBOSE = False
# django-axes: 10 failed sign-ins for the same username from the same address lock that pair
# for 15 minutes; other addresses (the real owner) can still sign in.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "alleyhub.core.http.client_ip"
AXES_LOCKOUT_CALLABLE = "alleyhub.accounts.views.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
# django-ratelimit, counted per client address in the default cache (set CACHE_URL to Redis in
# production so every worker shares the count): sign-in attempts on the login page and the
# creation of API tokens.
RATELIMIT_LOGIN = env.str("RATELIMIT_LOGIN", default="30/m")
RATELIMIT_TOKEN_CREATE = env.str("RATELIMIT_TOKEN_CREATE", default="10/m")
# Sign-up, its "send the link again" and the password-reset form: per client address (answered
# with 429) and, for the e-mails, per address written in the form (quietly not sent, the page says
# the same as always, so the limit tells nothing about whether an account exists).
RATELIMIT_SIGNUP = env.str("RATELIMIT_SIGNUP", default="10/h")
RATELIMIT_PASSWORD_RESET = env.str("RATELIMIT_PASSWORD_RESET", default="10/h")
RATELIMIT_EMAIL_PER_ADDRESS = env.str("RATELIMIT_EMAIL_PER_ADDRESS", default="3/h")

# Self sign-up (accounts.signup): the e-mail link works this long; after following it the new
# user lands on the welcome page, which sends them on to join or register an organisation here.
SIGNUP_ENABLED = env.bool("SIGNUP_ENABLED", default=True)
SIGNUP_VERIFICATION_SECONDS = env.int("SIGNUP_VERIFICATION_SECONDS", default=3 * 24 * 3600)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=24 * 3600)
ONBOARDING_URL = env.str("ONBOARDING_URL", default="/directory/join/")
# Enquiries (applications for services, space visits) one user may send in an hour.
ENQUIRIES_PER_HOUR = env.int("ENQUIRIES_PER_HOUR", default=10)

# Content-Security-Policy on every response (django-csp). Scripts and styles come only from our
# own static files: no inline <script>, no on…= handlers, no style="" (behaviour lives in
# static/js/, htmx runs without eval). Nothing may frame the site. A response that sets its own
# policy keeps it (protected file downloads: `sandbox`).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Staff sessions (operators, task force, government-unit staff) end after this many seconds
# without a request of theirs (accounts.middleware); other users keep Django's session age.
STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_SECONDS", default=30 * 60)

# Two-factor sign-in (django-otp: an authenticator app, TOTP, with backup codes; accounts views
# and middleware). Every user may turn it on; operators, the task force and government-unit staff
# must use it while this is on.
TWO_FACTOR_REQUIRED_FOR_STAFF = env.bool("TWO_FACTOR_REQUIRED_FOR_STAFF", default=True)
OTP_TOTP_ISSUER = "Alley Hub"

# Personal information (alleyhub/privacy, docs/privacy.md). Raising a document version asks every
# user to accept it again at their next sign-in.
PRIVACY = {
    "DOCUMENT_VERSIONS": {
        "privacy_notice": env.str("PRIVACY_NOTICE_VERSION", default="2026-12"),
        "terms": env.str("TERMS_VERSION", default="2026-12"),
    },
    "CONSENT_AT_SIGN_IN": True,
    "DELETION_GRACE_DAYS": env.int("PRIVACY_DELETION_GRACE_DAYS", default=7),
    "EXPORT_DAYS": 7,
}
