"""The only settings module. Every value comes from the environment, with safe defaults.

Defaults are for a production-minded site: DEBUG is off and SECRET_KEY is required
unless DEBUG is on. `make run` sets DEBUG and a generated key kept under var/.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from newsroom.rich_text import PROJECT_EXTENSIONS

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (`make run` generates one in var/)."
        )
    SECRET_KEY = "insecure-key-for-local-debugging-only"
# Key rotation: the previous keys, still accepted for signatures made before the change
# (open comment forms, sessions, share links). See README "Rotating SECRET_KEY".
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
# Keys the hashed IP addresses (comments, error reports, sign-ins, the login guard), apart from
# SECRET_KEY so that rotating it keeps the moderators' "same address" history. Empty: SECRET_KEY,
# which gives the hashes stored before this setting existed.
COMMENTS_IP_HASH_KEY = os.environ.get("COMMENTS_IP_HASH_KEY", "") or SECRET_KEY

# The public address of the site, used in feeds, sitemaps, emails and canonical links.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")
SITE_DESCRIPTION = os.environ.get(
    "SITE_DESCRIPTION", _("Reporting and analysis on security, politics and the economy.")
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "taggit",
    "django_prose_editor",
    "newsroom",
    "articles",
    "comments",
    "editorial",
    "corrections",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "staff_security",
    "ledger",
]

MIDDLEWARE = [
    "newsroom.logs.RequestLogMiddleware",  # first: times and tags the whole request
    "newsroom.health.HealthCheckMiddleware",  # /healthz, /readyz: before the host check
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "staff_security.middleware.StaffSecurityMiddleware",
    "editorial.unsaved_work.KeepUnsavedWorkMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "newsroom.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = os.environ.get("ROOT_URLCONF", "newsroom.urls")
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "newsroom.context_processors.site",
                "articles.context_processors.sections",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if DATABASE_IS_POSTGRES:
    # Seconds to wait for PostgreSQL to answer a new connection (libpq waits for ever by
    # default): a server that does not answer fails requests and /readyz, not hangs them.
    # A connect_timeout in DATABASE_URL wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5)
    )
# Django's connection pool (psycopg_pool) on PostgreSQL: up to this many connections per
# app process, shared by its threads (gunicorn's gthread workers). 0: no pool, one
# connection per process, kept DATABASE_CONN_MAX_AGE seconds.
DATABASE_POOL_MAX_SIZE = env_int("DATABASE_POOL_MAX_SIZE", 0)
if DATABASE_IS_POSTGRES and DATABASE_POOL_MAX_SIZE > 0:
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them; Django refuses both
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": DATABASE_POOL_MAX_SIZE,
        "timeout": env_int("DATABASE_POOL_TIMEOUT", 10),  # seconds to wait for a free connection
    }

# Read replica (README "Read replica"): anonymous public reads go to DATABASE_REPLICA_URL, with
# the primary's options; writes, the admin, signed-in users and comment posts stay on the
# primary (newsroom/db_router.py). A page whose content changed less than
# DATABASE_REPLICA_LAG_WINDOW seconds ago is read from the primary: keep it above the
# replica's worst replay lag.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
DATABASE_REPLICA_LAG_WINDOW = env_int("DATABASE_REPLICA_LAG_WINDOW", 10)
# After a failed connection to the replica, its reads go to the primary this many seconds.
DATABASE_REPLICA_RETRY_SECONDS = env_int("DATABASE_REPLICA_RETRY_SECONDS", 10)
# Pages that always read the primary: the comments' own pages (after posting, editing,
# notification links, reports) show a reader's own comment, which the replica may lack yet.
DATABASE_PRIMARY_PATHS = ["/comments/"]
if DATABASE_REPLICA_URL:
    _replica = dj_database_url.parse(DATABASE_REPLICA_URL)
    DATABASES["replica"] = {
        **DATABASES["default"],
        **{key: _replica[key] for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT")},
        "OPTIONS": {**DATABASES["default"].get("OPTIONS", {}), **_replica.get("OPTIONS", {})},
        "TEST": {"MIRROR": "default"},  # the test suite reads its own test database
    }
    DATABASE_ROUTERS = ["newsroom.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(1, "newsroom.db_router.ReplicaReadsMiddleware")

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages: what shared caches (a CDN, nginx) may keep, and the application cache.
PUBLIC_CACHE_MAX_AGE = env_int("PUBLIC_CACHE_MAX_AGE", 60)
PUBLIC_CACHE_STALE_WHILE_REVALIDATE = env_int("PUBLIC_CACHE_STALE_WHILE_REVALIDATE", 30)
# Seconds a shared cache (nginx's proxy cache, a CDN) keeps a page before it revalidates it
# (s-maxage): how long a moderator's decision may take to reach readers behind it.
PUBLIC_CACHE_SHARED_MAX_AGE = env_int("PUBLIC_CACHE_SHARED_MAX_AGE", 1)
PUBLIC_CACHE_ERROR_MAX_AGE = env_int("PUBLIC_CACHE_ERROR_MAX_AGE", 10)
# The proxy caches' refresh listeners (deploy/nginx-cache-refresh.conf), e.g.
# http://127.0.0.1:8008: a story page is fetched again through each as soon as a moderator's
# decision on its comments commits (newsroom/proxy_refresh.py). Empty: none.
PROXY_CACHE_REFRESH_URLS = env_list("PROXY_CACHE_REFRESH_URLS")
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)  # 0 turns the application cache off

# Failed admin logins: free attempts, then growing waits, then a lockout (per IP and username).
LOGIN_SLOWDOWN_AFTER = env_int("LOGIN_SLOWDOWN_AFTER", 3)
LOGIN_LOCKOUT_AFTER = env_int("LOGIN_LOCKOUT_AFTER", 10)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 900)

# Staff sign-in: second factors, sessions, the sign-in record. See README "Security".
# Editors, Moderators and superusers must enrol a second factor (on unless DEBUG).
STAFF_REQUIRE_SECOND_FACTOR = env_bool("STAFF_REQUIRE_SECOND_FACTOR", not DEBUG)
STAFF_SESSION_HOURS = env_int("STAFF_SESSION_HOURS", 12)  # sliding: renewed while in use
STAFF_NEW_DEVICE_EMAIL = env_bool("STAFF_NEW_DEVICE_EMAIL", not DEBUG)
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "django_otp_webauthn.backends.WebAuthnBackend",  # passkey sign-in without a password
]
OTP_TOTP_ISSUER = SITE_NAME
OTP_WEBAUTHN_RP_NAME = SITE_NAME
# Passkeys belong to the site's host name and work only on the site's own address. An IP
# address cannot own passkeys: a local 127.0.0.1 address becomes localhost.
_site = urlsplit(SITE_URL)
_passkey_host = "localhost" if _site.hostname in ("127.0.0.1", "::1") else _site.hostname
OTP_WEBAUTHN_RP_ID = os.environ.get("OTP_WEBAUTHN_RP_ID", "") or _passkey_host
_passkey_origin = f"{_site.scheme}://{_passkey_host}" + (f":{_site.port}" if _site.port else "")
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("OTP_WEBAUTHN_ALLOWED_ORIGINS", _passkey_origin)
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The site's language is a setting, not negotiated per reader, so pages stay cacheable.
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Mexico_City")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# `manage.py backup` writes a dated folder here (README "Backup and restore").
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
# After each backup, the dated backups in BACKUP_DIR but the newest this many are deleted
# (0 keeps them all).
BACKUP_KEEP = env_int("BACKUP_KEEP", 14)
# --- Media storage (README "Media on object storage") ---
# "filesystem": MEDIA_ROOT on this machine. "s3": a bucket on any S3-compatible service
# (AWS, Cloudflare R2, MinIO, Ceph), shared by every app server.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "filesystem":
    _media_backend = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    from botocore.config import Config as _S3ClientConfig

    _media_backend = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("MEDIA_S3_BUCKET", ""),
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,  # None: AWS
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "access_key": os.environ.get("MEDIA_S3_ACCESS_KEY_ID", ""),
            "secret_key": os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY", ""),
            # A private bucket served through a public domain (a CDN or the bucket's public
            # host): no per-object ACLs, plain URLs on that domain.
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": env_bool("MEDIA_S3_QUERYSTRING_AUTH", False),
            "file_overwrite": False,  # a second upload of "photo.jpg" gets its own name
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            # An unreachable service fails a request (and /readyz) in seconds, not minutes.
            # "path" for services without bucket host names (MinIO, Ceph on one host).
            "client_config": _S3ClientConfig(
                connect_timeout=5,
                read_timeout=30,
                retries={"max_attempts": 3, "mode": "standard"},
                s3={"addressing_style": os.environ.get("MEDIA_S3_ADDRESSING_STYLE", "auto")},
            ),
        },
    }
    if not _media_backend["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET.")
    # Pages show the pictures from the media domain (or the endpoint): the CSP must allow it.
    _media_origin = (
        f"https://{_media_backend['OPTIONS']['custom_domain']}"
        if _media_backend["OPTIONS"]["custom_domain"]
        else "{0.scheme}://{0.netloc}".format(
            urlsplit(_media_backend["OPTIONS"]["endpoint_url"] or "https://s3.amazonaws.com")
        )
    )
else:
    raise ImproperlyConfigured("MEDIA_STORAGE must be “filesystem” or “s3”.")
STORAGES = {
    "default": _media_backend,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploaded images: refused above these limits, before Pillow decodes them.
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
IMAGE_RENDITION_WIDTHS = [480, 800, 1200]
# The rich-text editor's own extensions; newsroom/rich_text.py declares what rich text may hold.
DJANGO_PROSE_EDITOR_EXTENSIONS = PROJECT_EXTENSIONS
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

MAILERS = {
    "default": {
        "BACKEND": os.environ.get("MAILER_BACKEND", "django.core.mail.backends.console.EmailBackend"),
        "OPTIONS": {
            key: value
            for key, value in {
                "host": os.environ.get("SMTP_HOST"),
                "port": env_int("SMTP_PORT", 0) or None,
                "username": os.environ.get("SMTP_USERNAME"),
                "password": os.environ.get("SMTP_PASSWORD"),
                "use_tls": env_bool("SMTP_USE_TLS") or None,
                "timeout": 10,
            }.items()
            if value is not None
        }
        if os.environ.get("MAILER_BACKEND", "").endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Production values come from DEBUG being off; see README "Production".
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *([_media_origin] if MEDIA_STORAGE == "s3" else [])],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- Logs (README "Logs") ---
# One JSON line per request and per error on standard error (stdout stays free for the
# commands' output), each with the request id; never an email, IP address or cookie.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "newsroom.logs.RequestIdFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {"json": {"()": "newsroom.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own handlers for these would print plain text: ours replace them.
        "django": {"handlers": ["console", "mail_admins"], "level": LOG_LEVEL, "propagate": False},
    },
}
# The error emails leave out readers' addresses, cookies, emails and texts (newsroom/logs.py).
DEFAULT_EXCEPTION_REPORTER_FILTER = "newsroom.logs.PrivateExceptionReporterFilter"
# Server errors are emailed to these addresses (comma-separated) when set.
ADMINS = env_list("ADMINS")
# Optional: errors to Sentry when sentry-sdk is installed (pip install sentry-sdk) and this is set.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    try:
        import sentry_sdk
    except ImportError:
        raise ImproperlyConfigured("SENTRY_DSN is set but sentry-sdk is not installed.") from None
    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False)

# Share links to unpublished stories and changes expire after this many hours.
SHARE_LINK_HOURS = env_int("SHARE_LINK_HOURS", 72)

# Reader comments. See README "Comments".
COMMENTS_RATE_LIMIT = env_int("COMMENTS_RATE_LIMIT", 5)  # comments per IP address ...
COMMENTS_RATE_WINDOW = env_int("COMMENTS_RATE_WINDOW", 600)  # ... per this many seconds
COMMENTS_MAX_LINKS = env_int("COMMENTS_MAX_LINKS", 2)  # more links than this: held
COMMENTS_THREAD_DEPTH = env_int("COMMENTS_THREAD_DEPTH", 3)
COMMENTS_PER_PAGE = env_int("COMMENTS_PER_PAGE", 50)  # comments per page, in whole threads
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 0)  # e.g. 30; 0: never
COMMENTS_TRUST_RETURNING = env_bool("COMMENTS_TRUST_RETURNING", False)
COMMENTS_RETENTION_DAYS = env_int("COMMENTS_RETENTION_DAYS", 90)  # then IP hash and user agent go
COMMENTS_NOTIFY_EMAILS = env_list("COMMENTS_NOTIFY_EMAILS")  # empty: the Moderators group
# How many proxies of ours append to X-Forwarded-For (1 behind nginx); 0 ignores the header,
# which anyone can forge. One setting for the comment and report rate limits and the admin
# login guard (COMMENTS_PROXY_COUNT is its former name, still read).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", env_int("COMMENTS_PROXY_COUNT", 0))
COMMENT_TOKEN_MIN_AGE = env_int("COMMENT_TOKEN_MIN_AGE", 2)  # seconds; faster posts are bots
COMMENT_TOKEN_MAX_AGE = env_int("COMMENT_TOKEN_MAX_AGE", 24 * 3600)
# Background tasks (the moderators' notifications). The immediate backend runs them in the
# request; production names a queued backend, e.g. django_tasks_db.DatabaseBackend.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
if TASKS_BACKEND.startswith("django_tasks_db."):
    INSTALLED_APPS.append("django_tasks_db")  # the queue's table
# The moderators get at most one email per this many seconds while comments wait.
COMMENTS_NOTIFY_INTERVAL = env_int("COMMENTS_NOTIFY_INTERVAL", 900)
# Readers: minutes a commenter may edit or delete their comment through its signed link, and
# emails (confirmations and reply notices) sent to one address per hour. See README "Comments".
COMMENTS_EDIT_MINUTES = env_int("COMMENTS_EDIT_MINUTES", 10)
COMMENTS_READER_EMAILS_PER_HOUR = env_int("COMMENTS_READER_EMAILS_PER_HOUR", 5)
# Reports from this many different addresses take a published comment back to the queue.
COMMENTS_REPORTS_TO_HOLD = env_int("COMMENTS_REPORTS_TO_HOLD", 3)

# The source ledger: link checks and archived copies of cited sources. See README "Source ledger".
LEDGER_GONE_AFTER_FAILURES = env_int("LEDGER_GONE_AFTER_FAILURES", 3)  # failed checks in a row ...
LEDGER_GONE_AFTER_DAYS = env_int("LEDGER_GONE_AFTER_DAYS", 7)  # ... over at least this many days
LEDGER_CHECK_INTERVAL_HOURS = env_int("LEDGER_CHECK_INTERVAL_HOURS", 20)  # links checked since: skipped
LEDGER_HOST_DELAY = env_int("LEDGER_HOST_DELAY", 5)  # seconds between two requests to one host
LEDGER_USER_AGENT = os.environ.get("LEDGER_USER_AGENT", "")  # empty: names SITE_NAME and SITE_URL
LEDGER_FETCH_CONNECT_TIMEOUT = env_int("LEDGER_FETCH_CONNECT_TIMEOUT", 5)
LEDGER_FETCH_READ_TIMEOUT = env_int("LEDGER_FETCH_READ_TIMEOUT", 10)
LEDGER_FETCH_TOTAL_TIMEOUT = env_int("LEDGER_FETCH_TOTAL_TIMEOUT", 30)
LEDGER_FETCH_MAX_REDIRECTS = 5
LEDGER_FETCH_MAX_BYTES = env_int("LEDGER_FETCH_MAX_BYTES", 5 * 1024 * 1024)
LEDGER_FETCH_CONTENT_TYPES = ["text/html", "application/xhtml+xml", "application/pdf", "text/plain"]
# A round-up item with neither a source line nor a linked source: "block" publishing, or "warn".
LEDGER_ITEM_SOURCE_RULE = os.environ.get("LEDGER_ITEM_SOURCE_RULE", "block")
if LEDGER_ITEM_SOURCE_RULE not in ("block", "warn"):
    raise ImproperlyConfigured("LEDGER_ITEM_SOURCE_RULE must be “block” or “warn”.")
# Lets the fetcher reach 127.0.0.1, for the test suite's local servers only: refused in production.
LEDGER_FETCH_ALLOW_TEST_LOOPBACK = env_bool("LEDGER_FETCH_ALLOW_TEST_LOOPBACK")
if LEDGER_FETCH_ALLOW_TEST_LOOPBACK and not DEBUG and "pytest" not in sys.modules:
    raise ImproperlyConfigured(
        "LEDGER_FETCH_ALLOW_TEST_LOOPBACK is for tests; it cannot be on in production."
    )
