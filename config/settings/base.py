"""Linli settings. Production differs only through the environment:

LINLI_DEBUG, SECRET_KEY, DATABASE_URL, REDIS_URL, LINLI_VAR, ALLOWED_HOSTS,
CSRF_TRUSTED_ORIGINS, LINLI_SECURE (https cookies), EMAIL_URL and LINLI_SITE_URL (mail, below).
"""

import copy
import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

from linli.core.sqlite import ENGINE as SQLITE_ENGINE
from linli.core.sqlite import is_sqlite
from linli.notify.mailconfig import email_settings, site_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("LINLI_VAR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key():
    """SECRET_KEY from the environment, or one generated into var/ on first run."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    if not path.exists():
        # Written whole under another name, then linked into place: the link fails if another
        # process got there first, so processes starting together all read one key (a plain
        # write let two of them keep different keys, and each refused the other's sessions).
        draft = VAR_DIR / f"secret_key.{os.getpid()}"
        draft.write_text(secrets.token_urlsafe(50))
        draft.chmod(0o600)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("LINLI_DEBUG")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # Swagger UI for /api/v1/docs from ninja's own static files, not a CDN
    "linli.core",
    "linli.community",
    "linli.api",
    "linli.notify",
    "linli.audit",
    "linli.stats",
    "linli.moderation",
    "linli.forum",
    "linli.talent",
    "linli.projects",
    "linli.consult",
    "linli.decide",
    "linli.office",
    "linli.spaces",
    "linli.sorting",
    "linli.volunteers",
    "linli.activities",
    "linli.proposals",
    "linli.meetings",
    "linli.street",
]

MIDDLEWARE = [
    "linli.core.metrics.MetricsMiddleware",  # /metrics, and the time of every request
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "linli.core.maintenance.MaintenanceMiddleware",  # 503 while `linli restore` runs
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "linli.core.middleware.AuthenticationMiddleware",  # Django's, without a query per request
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "linli.api.idempotency.IdempotencyMiddleware",  # API writes with an Idempotency-Key run once
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "csp.context_processors.nonce",
                "linli.core.context_processors.linli",
                "linli.community.context_processors.people",
                "linli.notify.context_processors.unread",
            ],
            "builtins": ["django.templatetags.i18n"],
            "debug": DEBUG,
        },
    }
]
# template_partials wraps the loaders itself (django-template-partials' auto setup).

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'linli.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if is_sqlite(DATABASES["default"]["ENGINE"]):
    # WAL lets readers run beside the one writer; IMMEDIATE makes a writing transaction
    # take the write lock at BEGIN, so concurrent writers queue instead of failing. Linli's
    # backend switches a file to WAL once, retrying while another process opening the same new
    # file holds the lock (linli/core/sqlite/base.py): a PRAGMA here would fail at once then.
    DATABASES["default"]["ENGINE"] = SQLITE_ENGINE
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if os.environ.get("LINLI_SQLITE_NO_PERSIST") else 600

elif not os.environ.get("LINLI_PG_NO_PREPARE"):
    # Parameters are bound on the server ($1…), so psycopg can prepare a statement: one that a
    # connection has run 5 times is planned once and then only run (the token of every API
    # request, the decision of every vote, the ORM's frequent reads alike). Set
    # LINLI_PG_NO_PREPARE=1 behind a pooler that cannot keep prepared statements (PgBouncer
    # before 1.21 in transaction mode): Django then binds on the client and prepares nothing.
    # See docs/hot-paths.md.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )

if not is_sqlite(DATABASES["default"]["ENGINE"]) and env_bool("LINLI_DB_POOL", default=True):
    # psycopg 3's connection pool, one per process: a node holds LINLI_DB_POOL_MIN connections
    # when idle and at most LINLI_DB_POOL_MAX per process (gunicorn threads share them), so
    # nodes × workers × max stays under PostgreSQL's max_connections. Persistent connections
    # are the pool's job then (Django requires CONN_MAX_AGE 0 with a pool).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("LINLI_DB_POOL_MIN", "1")),
        "max_size": int(os.environ.get("LINLI_DB_POOL_MAX", os.environ.get("LINLI_THREADS", "4"))),
        "max_idle": 300,
        "timeout": float(os.environ.get("LINLI_DB_POOL_TIMEOUT", "10")),
    }

if os.environ.get("DATABASE_REPLICA_URL"):
    # Reads go to a streaming replica, writes and reads-after-write to the primary
    # (linli/core/dbrouter.py). The replica connects like the primary (pool, prepared statements);
    # tests run it as a mirror of the test database.
    DATABASES["replica"] = {
        **copy.deepcopy(DATABASES["default"]),
        **dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"]),
        "OPTIONS": copy.deepcopy(DATABASES["default"].get("OPTIONS", {})),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["linli.core.dbrouter.ReplicaRouter"]
    MIDDLEWARE.insert(0, "linli.core.dbrouter.ReplicaPinMiddleware")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "community.Resident"

REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    # Losing Redis slows the site but never breaks it (linli/core/cache.py): failures are misses,
    # and short time-outs keep a hung Redis from holding requests.
    _redis_options = {
        "socket_connect_timeout": float(os.environ.get("LINLI_REDIS_TIMEOUT", "0.25")),
        "socket_timeout": float(os.environ.get("LINLI_REDIS_TIMEOUT", "0.25")) * 2,
    }
    CACHES = {
        "default": {
            "BACKEND": "linli.core.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "linli",
            "OPTIONS": _redis_options,
        },
        "pages": {
            "BACKEND": "linli.core.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "linli-pages",
            "OPTIONS": _redis_options,
        },
        # Rows of lists keyed by the version of what they show (linli/core/fragments.py).
        "fragments": {
            "BACKEND": "linli.core.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "linli-frag",
            "OPTIONS": _redis_options,
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "linli",
        },
        # Rendered pages (linli/core/pagecache.py), per process; the generation is shared through var/.
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "linli-pages",
            "OPTIONS": {"MAX_ENTRIES": 3000, "CULL_FREQUENCY": 3},
        },
        # Rows of lists keyed by the version of what they show (linli/core/fragments.py): a
        # key names its content, so a per-process copy is never stale.
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "linli-fragments",
            "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4},
        },
    }
PAGE_CACHE_ENABLED = os.environ.get("LINLI_PAGE_CACHE", "1") != "0"
# Rate limits without Redis count in the database; on SQLite in this file of their own
# (linli/core/ratelimit.py says why).
RATELIMIT_SQLITE_FILE = VAR_DIR / "ratelimit.sqlite3"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions in the database, read with the signed-in person in one query (linli/core/sessions.py),
# with or without Redis: a logout in one process ends the session in every process at once,
# and a session cannot outlive a logout made while Redis was unreachable.
SESSION_ENGINE = "linli.core.sessions"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login throttling (django-axes): 5 failures per username and address lock for 30 minutes.
# Failures are kept in the database (AccessAttempt rows), so every process and node counts them.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
# The client's address: X-Forwarded-For is believed only from these proxies (CIDRs, comma-separated),
# for login throttling, rate limits and the audit log alike (linli/core/clientip.py).
LINLI_TRUSTED_PROXIES = [p for p in os.environ.get("LINLI_TRUSTED_PROXIES", "").split(",") if p]
AXES_CLIENT_IP_CALLABLE = "linli.core.clientip.axes_client_ip"
# Who may read /metrics (Prometheus): CIDRs, comma-separated; anyone else gets 404.
LINLI_METRICS_ALLOW = [
    p for p in os.environ.get("LINLI_METRICS_ALLOW", "127.0.0.0/8,::1/128").split(",") if p.strip()
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["linli.core.formats"]  # ISO values in date inputs; no "p.m.." in English
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded files: the local disk by default; an S3-compatible object store (MinIO, a cloud's S3
# mode) when LINLI_S3_BUCKET is set, so that every node serves every file. Either way links are
# signed and short-lived, and files are streamed by linli.core.media.
if os.environ.get("LINLI_S3_BUCKET"):
    _media_storage = {
        "BACKEND": "linli.core.media.S3MediaStorage",
        "OPTIONS": {
            "bucket_name": os.environ["LINLI_S3_BUCKET"],
            "endpoint_url": os.environ.get("LINLI_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("LINLI_S3_REGION") or None,
            "access_key": os.environ.get("LINLI_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("LINLI_S3_SECRET_KEY") or None,
            "location": os.environ.get("LINLI_S3_PREFIX", ""),
            "file_overwrite": False,
            "default_acl": None,
        },
    }
else:
    _media_storage = {"BACKEND": "linli.core.media.LocalMediaStorage"}
STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Security
SECURE = env_bool("LINLI_SECURE", default=not DEBUG and env_bool("LINLI_HTTPS"))
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: no inline script, nothing from outside this server.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Mail: console in the demo; SMTP from EMAIL_URL (smtp://user:pass@host:587/?tls=1) or
# EMAIL_HOST/EMAIL_PORT/EMAIL_HOST_USER/EMAIL_HOST_PASSWORD/EMAIL_USE_TLS (linli/notify/mailconfig.py);
# a file backend under var/ with EMAIL_BACKEND=…filebased… and LINLI_MAIL_DIR.
# LINLI_SITE_URL makes the links in emails absolute.
_mail = email_settings(os.environ)
EMAIL_BACKEND = _mail["EMAIL_BACKEND"]
EMAIL_HOST, EMAIL_PORT = _mail["EMAIL_HOST"], _mail["EMAIL_PORT"]
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _mail["EMAIL_HOST_USER"], _mail["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS, EMAIL_USE_SSL = _mail["EMAIL_USE_TLS"], _mail["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = _mail["EMAIL_TIMEOUT"]
LINLI_SITE_URL = site_url(os.environ)
EMAIL_CONFIRM_DAYS = int(os.environ.get("LINLI_EMAIL_CONFIRM_DAYS", "3"))
EMAIL_FILE_PATH = os.environ.get("LINLI_MAIL_DIR", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "linli@localhost")

NINJA_PAGINATION_PER_PAGE = 50
# The hour (local time) from which the scheduler builds the daily digests and runs daily jobs.
LINLI_DIGEST_HOUR = int(os.environ.get("LINLI_DIGEST_HOUR", "8"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

LINLI: dict[str, Any] = {
    # Invitation codes: lifetime, and how many wrong codes one address may try per hour.
    "INVITATION_DAYS": 60,
    "INVITATION_GUESSES_PER_HOUR": 10,
    "SITE_NAME": _("Linli"),
}
