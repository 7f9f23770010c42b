"""Django settings for Liaison.

Everything an operator may change is read from the environment (see README, "Configuration").
Defaults give the embedded SQLite development setup that `make run` uses.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("LIAISON_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("LIAISON_DEBUG", False)
TESTING = env_bool("LIAISON_TESTING", False)
# Public (it is in the source): development and tests only. `liaison check --deploy` reports it as an error
# (liaison.E001, core/checks.py) and `liaison serve --production` refuses to start with it, whatever LIAISON_DEV says.
DEVELOPMENT_SECRET_KEY = "liaison-development-only-key-do-not-use-in-production-0123456789"
SECRET_KEY = os.environ.get("LIAISON_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if SECRET_KEY == DEVELOPMENT_SECRET_KEY and not (DEBUG or TESTING or env_bool("LIAISON_DEV", False)):
    # A production node must set its own key; `make run` sets LIAISON_DEV=1.
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("LIAISON_SECRET_KEY must be set (see README, Configuration).")

ALLOWED_HOSTS = env_list("LIAISON_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("LIAISON_CSRF_TRUSTED_ORIGINS", "")

# The ISO 3166 alpha-2 code and short name of the agency that runs this node (matched on first demo load).
LIAISON_HOME_AGENCY = os.environ.get("LIAISON_HOME_AGENCY", "VN-MPS")

INSTALLED_APPS = [
    # Liaison's apps first: their commands (changepassword, createsuperuser) replace Django's unaudited ones.
    "liaison.core",
    "liaison.agencies",
    "liaison.federation",
    "liaison.cooperation",
    "liaison.people",
    "liaison.desk",
    "liaison.exchange",
    "liaison.screening",
    "liaison.legal",
    "liaison.consular",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "django_countries",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "liaison.core.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "liaison.agencies.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "liaison.urls"
WSGI_APPLICATION = "liaison.wsgi.application"

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
                "liaison.core.context_processors.shell",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------------
# LIAISON_DATABASE_URL: sqlite:////path/to/db.sqlite3 (default: var/liaison.sqlite3) or
# postgres://user:password@host:5432/name for production.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("LIAISON_DATABASE_URL", f"sqlite:///{VAR_DIR / 'liaison.sqlite3'}"),
        conn_max_age=int(os.environ.get("LIAISON_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock at BEGIN, so two writers never read the same audit-chain head.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication and sessions -----------------------------------------------------------------------
AUTH_USER_MODEL = "agencies.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("LIAISON_PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "liaison.agencies.passwords.CharacterClassValidator"},
]
SESSION_COOKIE_AGE = int(os.environ.get("LIAISON_SESSION_HOURS", "8")) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie; kept default for forms.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Production (TLS) hardening: on unless LIAISON_INSECURE_HTTP=1 (the development server sets it).
_https = not (DEBUG or TESTING or env_bool("LIAISON_INSECURE_HTTP", False))
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = _https and env_bool("LIAISON_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if _https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = env_bool("LIAISON_HSTS_PRELOAD", False)
# Browser preload lists are a decision for the site's owner (and need a public name): not our default.
# models.W040: the message list's covering index (exchange, decision 0051) INCLUDEs columns on PostgreSQL; SQLite
# keeps the index on its key columns, which is what it needs, so the warning would only be noise on every command.
SILENCED_SYSTEM_CHECKS = ["security.W021", "models.W040"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("LIAISON_BEHIND_PROXY", False) else None

# Lock-out after repeated failed sign-ins (django-axes): per user name and address.
AXES_FAILURE_LIMIT = int(os.environ.get("LIAISON_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LIAISON_LOGIN_COOLOFF_MINUTES", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

OTP_TOTP_ISSUER = os.environ.get("LIAISON_OTP_ISSUER", "Liaison")

# Content-Security-Policy: everything from this origin only (no CDN, no inline script).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

# --- Internationalisation -------------------------------------------------------------------------------
LANGUAGE_CODE = os.environ.get("LIAISON_DEFAULT_LANGUAGE", "en")
LANGUAGES = [
    ("en", _("English")),
    ("vi", _("Vietnamese")),
    ("ko", _("Korean")),
    ("zh-hans", _("Chinese (simplified)")),
    ("ru", _("Russian")),
    ("fr", _("French")),
]
_enabled = env_list("LIAISON_LANGUAGES", "")
if _enabled:
    LANGUAGES = [(code, name) for code, name in LANGUAGES if code in _enabled]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("LIAISON_TIME_ZONE", "Asia/Ho_Chi_Minh")
# One date and time format per language, unambiguous in all of them: liaison/formats/<language>/formats.py
# (docs/decisions/0025-dates-and-times.md). Pages, tables and exports show the node's local time (TIME_ZONE);
# the API gives ISO 8601 with the offset.
FORMAT_MODULE_PATH = ["liaison.formats"]
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("LIAISON_STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(os.environ.get("LIAISON_MEDIA_ROOT", VAR_DIR / "media"))

# --- Background tasks (docs/decisions/0011-task-queue.md) -----------------------------------------------
# One queue in the database (SQLite or PostgreSQL): `liaison serve` starts a worker beside the web server;
# production runs `liaison worker` as its own service. LIAISON_TASKS_IMMEDIATE=1 runs tasks in the request.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("LIAISON_TASKS_IMMEDIATE", TESTING)
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default", "screening", "federation"],
    }
}

# --- Liaison desk and screening -------------------------------------------------------------------------
# Default deadlines for a partner's request (days), when no PartnerDeadlines record names the partner.
LIAISON_ACKNOWLEDGE_DAYS = int(os.environ.get("LIAISON_ACKNOWLEDGE_DAYS", "7"))
LIAISON_REPORT_EVERY_DAYS = int(os.environ.get("LIAISON_REPORT_EVERY_DAYS", "30"))
# Consular deadlines without a partner's rule (docs/decisions/0045): VCCR art. 36 "without delay" counted as
# this many days, the first consular visit within so many days of the notification, a prisoner visited every so many.
LIAISON_CONSULAR_NOTIFY_DAYS = int(os.environ.get("LIAISON_CONSULAR_NOTIFY_DAYS", "3"))
LIAISON_CONSULAR_FIRST_VISIT_DAYS = int(os.environ.get("LIAISON_CONSULAR_FIRST_VISIT_DAYS", "14"))
LIAISON_CONSULAR_VISIT_EVERY_DAYS = int(os.environ.get("LIAISON_CONSULAR_VISIT_EVERY_DAYS", "90"))
# Largest list file accepted for screening (bytes).
LIAISON_SCREENING_MAX_BYTES = int(os.environ.get("LIAISON_SCREENING_MAX_BYTES", str(100 * 1024 * 1024)))
# Processes screening one run (0: one per core, at most 4).
LIAISON_SCREENING_JOBS = int(os.environ.get("LIAISON_SCREENING_JOBS", "0"))
# A running run whose heartbeat is older than this (seconds) lost its worker: a worker's sweep resumes it from its
# last committed row (docs/operations.md, "Background worker"). Each worker sweeps on start and every
# LIAISON_WORKER_SWEEP_SECONDS.
LIAISON_SCREENING_STALE_SECONDS = float(os.environ.get("LIAISON_SCREENING_STALE_SECONDS", "120"))
LIAISON_WORKER_SWEEP_SECONDS = float(os.environ.get("LIAISON_WORKER_SWEEP_SECONDS", "15"))

# --- Read log (core/reads.py; docs/decisions/0024-read-log.md) ------------------------------------------------
# Reads of personal data are kept this many days; the worker removes older ones (audited).
LIAISON_READ_LOG_DAYS = int(os.environ.get("LIAISON_READ_LOG_DAYS", "730"))

# --- Federation (docs/decisions/0026-federation-signatures-joserfc.md, src/liaison/federation/) -------------
# The node's private keys: JWK files with mode 0600 in this directory (never in the database).
LIAISON_FEDERATION_KEY_DIR = Path(os.environ.get("LIAISON_FEDERATION_KEY_DIR", VAR_DIR / "federation-keys"))
# The largest message the inbox reads (bytes, attachments included), and the largest attachment.
LIAISON_FEDERATION_MAX_BYTES = int(os.environ.get("LIAISON_FEDERATION_MAX_BYTES", str(20 * 1024 * 1024)))
LIAISON_FEDERATION_MAX_ATTACHMENT_BYTES = int(
    os.environ.get("LIAISON_FEDERATION_MAX_ATTACHMENT_BYTES", str(10 * 1024 * 1024))
)
# The largest file attached to an exchange message (checked by content; a message's files must also travel to
# partner nodes, so keep it at most LIAISON_FEDERATION_MAX_ATTACHMENT_BYTES).
LIAISON_EXCHANGE_MAX_ATTACHMENT_BYTES = int(
    os.environ.get("LIAISON_EXCHANGE_MAX_ATTACHMENT_BYTES", str(10 * 1024 * 1024))
)
# The largest offline package the import page accepts (the command line reads any size).
LIAISON_FEDERATION_MAX_PACKAGE_BYTES = int(
    os.environ.get("LIAISON_FEDERATION_MAX_PACKAGE_BYTES", str(200 * 1024 * 1024))
)
# Freshness window: a message older than this (offline packages travel for weeks) or from the future (clock
# skew) is refused.
LIAISON_FEDERATION_MAX_AGE_SECONDS = int(os.environ.get("LIAISON_FEDERATION_MAX_AGE_SECONDS", str(60 * 24 * 3600)))
LIAISON_FEDERATION_CLOCK_SKEW_SECONDS = int(os.environ.get("LIAISON_FEDERATION_CLOCK_SKEW_SECONDS", "300"))
# Delivery: seconds to wait for the partner's answer, first retry delay (doubled each attempt, capped), attempts.
LIAISON_FEDERATION_TIMEOUT = float(os.environ.get("LIAISON_FEDERATION_TIMEOUT", "15"))
LIAISON_FEDERATION_RETRY_SECONDS = float(os.environ.get("LIAISON_FEDERATION_RETRY_SECONDS", "30"))
LIAISON_FEDERATION_RETRY_MAX_SECONDS = float(os.environ.get("LIAISON_FEDERATION_RETRY_MAX_SECONDS", "3600"))
LIAISON_FEDERATION_MAX_ATTEMPTS = int(os.environ.get("LIAISON_FEDERATION_MAX_ATTEMPTS", "50"))
# At most this many messages travel in one POST (what waits for the same partner goes together).
LIAISON_FEDERATION_BATCH_SIZE = int(os.environ.get("LIAISON_FEDERATION_BATCH_SIZE", "100"))
# A pending message this long past its attempt has lost its task (a killed worker): it is queued again.
LIAISON_FEDERATION_STALLED_SECONDS = int(os.environ.get("LIAISON_FEDERATION_STALLED_SECONDS", "300"))

# --- Audit trail anchors (docs/operations.md, "Audit trail"; docs/decisions/0019-audit-chain-anchors.md) ---------
# The key of each audit record's keyed hash (HMAC-SHA256), never stored in the database: LIAISON_AUDIT_KEY (at
# least 32 characters), else the key file, created with mode 0600 on first use. The Ed25519 key that signs
# `liaison audit checkpoint` files lives in its own file (0600, created by the first checkpoint).
LIAISON_AUDIT_KEY = os.environ.get("LIAISON_AUDIT_KEY", "")
LIAISON_AUDIT_KEY_FILE = Path(os.environ.get("LIAISON_AUDIT_KEY_FILE", VAR_DIR / "audit.key"))
LIAISON_AUDIT_SIGNING_KEY_FILE = Path(os.environ.get("LIAISON_AUDIT_SIGNING_KEY_FILE", VAR_DIR / "audit-signing.key"))

# --- REST API -------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "liaison.agencies.authentication.ApiTokenAuthentication",
        "liaison.core.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["liaison.core.api.permissions.RolePermission"],
    "DEFAULT_PAGINATION_CLASS": "liaison.core.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "liaison.core.api.filters.FilterBackend",  # django-filter's, values checked against the 64-bit range
        "liaison.core.api.filters.OrderingFilter",  # with `relevance` where a view ranks its search
        "liaison.core.api.filters.SearchFilter",  # diacritics and case ignored (core/search.py)
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "liaison.core.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min"},
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Liaison API",
    "DESCRIPTION": "International police cooperation: the same records and rules as the pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "RoleCodeEnum": "liaison.core.permissions.ROLE_CHOICES",
        "CountryEnum": "django_countries.countries",
        "NameKindEnum": "liaison.people.choices.NameKind",
        "DocumentTypeEnum": "liaison.people.choices.DocumentType",
        "ListKindEnum": "liaison.screening.models.ListKind",
        "CrimeAreaEnum": "liaison.core.choices.CrimeArea",
        "AgreementStatusEnum": "liaison.cooperation.choices.AgreementStatus",
        "ActionItemStatusEnum": "liaison.cooperation.choices.ActionItemStatus",
        "CapacityProjectStatusEnum": "liaison.cooperation.choices.CapacityProjectStatus",
        "NoticeStatusEnum": "liaison.desk.choices.NoticeStatus",
        "CaseStatusEnum": "liaison.desk.choices.CaseStatus",
        "RunStatusEnum": "liaison.screening.models.RunStatus",
        "LegalRequestStatusEnum": "liaison.legal.choices.RequestStatus",
        "LegalRequestKindEnum": "liaison.legal.choices.RequestKind",
        "LegalDirectionEnum": "liaison.legal.choices.Direction",
        "LegalRequestEventKindEnum": "liaison.legal.choices.EventKind",
        "LegalDocumentKindEnum": "liaison.legal.choices.DocumentKind",
        "ConsularCaseStatusEnum": "liaison.consular.choices.CaseStatus",
        "ConsularDirectionEnum": "liaison.consular.choices.Direction",
    },
}

# --- Logging --------------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LIAISON_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
CSRF_FAILURE_VIEW = "liaison.core.views.csrf_failure"

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    AXES_ENABLED = env_bool("LIAISON_TEST_AXES", True)
