"""Settings for casereview: one base, every deployment difference read from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"


def env_bool(name: str, default: bool) -> bool:
    """Read a true/false environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


PRODUCTION = env_bool("CASEREVIEW_PRODUCTION", False)
DEBUG = env_bool("DJANGO_DEBUG", not PRODUCTION)
SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)

if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("CASEREVIEW_PRODUCTION is set: refusing to start with DJANGO_DEBUG on.")
if PRODUCTION and (SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "CASEREVIEW_PRODUCTION is set: refusing to start with the default or a short SECRET_KEY "
        "(set SECRET_KEY to 50 or more random characters)."
    )

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "crispy_forms",
    "crispy_forms_gds",
    "django_tasks",
    "django_tasks_db",
    "casereview.accounts",
    "casereview.audit",
    "casereview.partnerships",
    "casereview.incidents",
    "casereview.reviews",
    "casereview.meetings",
    "casereview.actions",
    "casereview.learning",
    "casereview.publication",
    "casereview.outbox",
    "casereview.reminders",
    "casereview.records",
    "casereview.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "casereview.accounts.sessions.IdleDeadlineMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "casereview.audit.middleware.RequestContextMiddleware",
    "casereview.accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casereview.web.context_processors.service",
            ],
        },
    },
]

_DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        _DATABASE_URL,
        # PostgreSQL keeps each thread's connection for a minute: connecting anew on every request cost more than
        # a simple page (about a third of the throughput at full scale). Health checks test a kept connection
        # before each request and reconnect if the server went away, so the service recovers by itself. SQLite
        # opens a file, which costs next to nothing.
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0" if _DATABASE_URL.startswith("sqlite") else "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker and the web server read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Pages kept per server process for the session that saw them, until the next audited write
# (casereview/web/page_cache.py); 0 turns this off. Each is one page of HTML (the largest about 160 KB).
PAGE_CACHE_ENTRIES = int(os.environ.get("PAGE_CACHE_ENTRIES", "200"))

# Idle timeout: the session expires after this many seconds without a request.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
# The idle deadline is pushed forward at most once a minute rather than by a write on every request
# (casereview.accounts.sessions).
SESSION_ENGINE = "casereview.accounts.sessions"
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
if env_bool("BEHIND_TLS_PROXY", False):
    # The proxy ends TLS and says so in X-Forwarded-Proto; only set this when the proxy strips any
    # client-supplied copy of that header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
# Subdomains are covered by default in production (turn off with SECURE_HSTS_INCLUDE_SUBDOMAINS=0 if a
# subdomain must stay on plain HTTP); preloading commits the whole domain for good, so it is opt-in.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Lock an account (per username) after repeated failed sign-ins.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "casereview"

from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    # Uploaded files are encrypted at rest with FILE_ENCRYPTION_KEYS (see docs/secure-documents.md).
    "default": {"BACKEND": "casereview.web.storage.EncryptedFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "1025"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "casereview <no-reply@casereview.invalid>")

# Background jobs (django-tasks API): the database backend, run by `manage.py db_worker`; the outbox delivers
# every e-mail through it. See docs/outbox-and-worker.md.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}


REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "casereview.accounts.api_auth.ApiTokenAuthentication",
        "casereview.accounts.api_auth.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "casereview.web.api_pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "casereview API",
    "DESCRIPTION": "Case review records of a safeguarding children partnership.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
CRISPY_GDS_FRONTEND_VERSION = "6.0.0"

SERVICE_NAME = "Case review"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Lockout is per account: many staff of one agency share an office address, so locking by IP address
# would lock out a whole agency after one person's mistakes.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
if not SECURE_HSTS_PRELOAD:
    # Preloading commits the whole domain to HTTPS in browsers for good: only the domain's owner can choose it.
    SILENCED_SYSTEM_CHECKS.append("security.W021")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if PRODUCTION and not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("CASEREVIEW_PRODUCTION is set: SITE_URL must be the service's https:// address "
                               "(it goes into e-mailed links).")
# Keys that encrypt uploaded files at rest: comma-separated Fernet keys, the current one first (older ones after it
# still decrypt, until `manage.py rotate_file_key` has moved every file to the current one).
FILE_ENCRYPTION_KEYS = [k.strip() for k in os.environ.get("FILE_ENCRYPTION_KEYS", "").split(",") if k.strip()]
if PRODUCTION and not FILE_ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "CASEREVIEW_PRODUCTION is set: refusing to start without FILE_ENCRYPTION_KEYS (generate a key with "
        "python -c \"from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())\").")
if FILE_ENCRYPTION_KEYS:
    from casereview.web.storage import parse_keys  # noqa: E402  (refuses a malformed key, naming its position)

    parse_keys(FILE_ENCRYPTION_KEYS, production=PRODUCTION)

# Uploaded files (attachments, papers, evidence), encrypted at rest by the default storage (STORAGES above).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media-not-served/"  # files are only ever served through views that check access and audit
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Optional: uploaded files in S3-compatible object storage (inert unless FILE_STORAGE=s3) -------------------
# Needs `pip install django-storages[s3]==1.14.6` (which brings boto3); not in requirements.txt, so a trial or
# test install has no network dependency. Files stay encrypted with FILE_ENCRYPTION_KEYS before they leave the
# service; the bucket's server-side encryption is a second layer. See docs/secure-documents.md.
FILE_STORAGE = os.environ.get("FILE_STORAGE", "").strip().lower()
if FILE_STORAGE == "s3":
    if not os.environ.get("FILE_STORAGE_BUCKET", "").strip():
        raise ImproperlyConfigured("FILE_STORAGE=s3 needs FILE_STORAGE_BUCKET (the bucket's name)")
    _sse = os.environ.get("FILE_STORAGE_SSE", "aws:kms").strip()
    _object_parameters = {"ServerSideEncryption": _sse}
    if _sse == "aws:kms" and os.environ.get("FILE_STORAGE_KMS_KEY_ID", "").strip():
        _object_parameters["SSEKMSKeyId"] = os.environ["FILE_STORAGE_KMS_KEY_ID"].strip()
    STORAGES["default"] = {"BACKEND": "casereview.web.storage.EncryptedStorage", "OPTIONS": {
        "inner": "storages.backends.s3.S3Storage",
        "inner_options": {
            "bucket_name": os.environ["FILE_STORAGE_BUCKET"].strip(),
            "region_name": os.environ.get("FILE_STORAGE_REGION", "").strip() or None,
            "endpoint_url": os.environ.get("FILE_STORAGE_ENDPOINT_URL", "").strip() or None,
            "location": os.environ.get("FILE_STORAGE_PREFIX", "casereview").strip(),
            "object_parameters": _object_parameters,
            "default_acl": "private",
            "file_overwrite": False,  # a new upload never replaces another file of the same name
            "querystring_auth": True,  # files are served through the views anyway, never by bucket URL
        },
    }}
elif FILE_STORAGE not in ("", "local"):
    raise ImproperlyConfigured(f"FILE_STORAGE must be empty, 'local' or 's3', not {FILE_STORAGE!r}")
# --- end of the optional object storage block -------------------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
