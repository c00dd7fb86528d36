"""Settings shared by every environment.

Every environment variable the project reads is declared here, once, with its
type and its default; the README lists them. The defaults are the embedded
ones (SQLite, local-memory cache, database search, local media), so the
project runs with no services. ``production.py`` removes the defaults that
matter for security.
"""

import mimetypes
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from django.conf.locale import LANG_INFO

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from cms.core.storage_settings import media_storage, task_backends
from search.backends_settings import search_backends
from sites.machine_translation import machine_translator_setting

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; the process environment wins

# --- Environment variables (see README, "Settings") -------------------------------------------
SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Hosts that are no department's hostname get 400 (sites/hosts.py); off where `localhost` is handy.
PORTAL_STRICT_HOSTS = env.bool("PORTAL_STRICT_HOSTS", default=False)
PORTAL_HOST_ALIASES = env.list("PORTAL_HOST_ALIASES", default=[])
PORTAL_CANONICAL_HOST = env.str("PORTAL_CANONICAL_HOST", default="")
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
}
# Persistent connections (production.py defaults them to 60 s with a health check): a new
# PostgreSQL connection per request costs more than the rest of a cached response.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=False)
# How long a process trusts its own copy of the host → site/department map before it reads the
# shared version number again (sites/resolver.py); a Site or Department change reaches every
# process within this time.
SITE_CACHE_LOCAL_SECONDS = env.float("SITE_CACHE_LOCAL_SECONDS", default=2.0)
# The caching proxy in front (deploy/varnish/, sites/edge.py): how long it keeps an anonymous
# page or API answer (purges by surrogate key on every change keep it fresh), and where a change
# sends its BAN (e.g. http://127.0.0.1:6081/); none: nothing is purged.
PROXY_CACHE_SECONDS = env.int("PROXY_CACHE_SECONDS", default=3600)
PROXY_PURGE_URLS = env.list("PROXY_PURGE_URLS", default=[])
PROXY_PURGE_TIMEOUT = env.float("PROXY_PURGE_TIMEOUT", default=2.0)
# Tries of one purge in the task worker (10 s, 20 s, 40 s … apart) before it is logged as failed.
PROXY_PURGE_ATTEMPTS = env.int("PROXY_PURGE_ATTEMPTS", default=5)
# How long a SQLite writer waits for another's transaction before `database is locked`.
SQLITE_BUSY_TIMEOUT_MS = env.int("SQLITE_BUSY_TIMEOUT_MS", default=20_000)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent admin use on the embedded database: readers never block the writer (WAL),
    # writers queue (busy timeout), and a transaction takes the write lock when it begins
    # (IMMEDIATE), so a read-then-write transaction cannot deadlock and fail at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}"
            ),
        }
    )
CACHE_URL = env.str("CACHE_URL", default="locmemcache://")
REDIS_URL = env.str("REDIS_URL", default="")
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
SEARCH_INDEX_PREFIX = env.str("SEARCH_INDEX_PREFIX", default="customs_dev_")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATIC_URL = env.str("STATIC_URL", default="/static/")
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="no-reply@customs.gov.vn")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://localhost:8000")
LANGUAGE_CODES = env.list("LANGUAGES", default=["vi", "en"])
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_PROXY_SSL_HEADER_ENABLED = env.bool("SECURE_PROXY_SSL_HEADER", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
# Machine translation in wagtail-localize's editor: off unless MACHINE_TRANSLATOR names an engine
# (deepl, libretranslate, google, dummy or a class's dotted path); the glossary always applies.
MACHINE_TRANSLATOR = env.str("MACHINE_TRANSLATOR", default="")
MACHINE_TRANSLATOR_API_KEY = env.str("MACHINE_TRANSLATOR_API_KEY", default="")
MACHINE_TRANSLATOR_URL = env.str("MACHINE_TRANSLATOR_URL", default="")
MACHINE_TRANSLATION_GLOSSARY = env.path(
    "MACHINE_TRANSLATION_GLOSSARY", default=BASE_DIR / "sites" / "glossary" / "customs.csv"
)
CONSULTATION_SLA_WORKING_DAYS = env.int("CONSULTATION_SLA_WORKING_DAYS", default=5)
CONSULTATION_RATE_LIMIT_PER_ADDRESS = env.int("CONSULTATION_RATE_LIMIT_PER_ADDRESS", default=5)
CONSULTATION_RATE_LIMIT_PER_EMAIL = env.int("CONSULTATION_RATE_LIMIT_PER_EMAIL", default=3)
CONSULTATION_RATE_LIMIT_WINDOW = env.int("CONSULTATION_RATE_LIMIT_WINDOW", default=3600)
CONSULTATION_RETENTION_DAYS = env.int("CONSULTATION_RETENTION_DAYS", default=730)
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
LOGIN_COOLOFF_MINUTES = env.int("LOGIN_COOLOFF_MINUTES", default=15)
OTP_ENFORCED = env.bool("OTP_ENFORCED", default=True)
OTP_REQUIRED_FOR_ALL = env.bool("OTP_REQUIRED_FOR_ALL", default=False)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=86400)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=12_000_000)
IMAGE_MAX_FRAMES = env.int("IMAGE_MAX_FRAMES", default=200)
IMAGE_MAX_UPLOAD_SIZE = env.int("IMAGE_MAX_UPLOAD_SIZE", default=20 * 1024 * 1024)
DOCUMENT_MAX_UPLOAD_SIZE = env.int("DOCUMENT_MAX_UPLOAD_SIZE", default=30 * 1024 * 1024)
DOCUMENT_EXTENSIONS = [
    extension.lower().lstrip(".")
    for extension in env.list(
        "DOCUMENT_EXTENSIONS",
        default=["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "csv", "txt"],
    )
]
RENDITION_MAX_CONCURRENT = env.int("RENDITION_MAX_CONCURRENT", default=1)
RENDITION_WAIT_SECONDS = env.float("RENDITION_WAIT_SECONDS", default=10.0)
RENDITION_LOCK_TIMEOUT = env.int("RENDITION_LOCK_TIMEOUT", default=120)
# Background tasks (django-tasks): `immediate` runs a task inside the request that enqueues it
# (the embedded default); `database` queues it for `manage.py db_worker` (production's default).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")
# Renditions made by the worker when an image is saved, so the first visitor does not wait.
RENDITION_PREGENERATE = env.list(
    "RENDITION_PREGENERATE",
    default=["fill-320x214", "fill-480x270", "width-800", "width-1200"],
)
# Webhooks (cms.webhooks): retries with exponential backoff (base × 2^(attempt-1) seconds).
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=6)
WEBHOOK_RETRY_BASE_SECONDS = env.float("WEBHOOK_RETRY_BASE_SECONDS", default=30.0)
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=10.0)
# Subscriptions to loopback, private, link-local or reserved addresses (SSRF); production: false.
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env.bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", default=True)
# Shared media on S3-compatible object storage: off unless a bucket is named.
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default=env.str("AWS_STORAGE_BUCKET_NAME", default=""))
MEDIA_S3_ENDPOINT_URL = env.str("MEDIA_S3_ENDPOINT_URL", default="")
MEDIA_S3_REGION = env.str("MEDIA_S3_REGION", default="")
MEDIA_S3_ACCESS_KEY_ID = env.str(
    "MEDIA_S3_ACCESS_KEY_ID", default=env.str("AWS_ACCESS_KEY_ID", default="")
)
MEDIA_S3_SECRET_ACCESS_KEY = env.str(
    "MEDIA_S3_SECRET_ACCESS_KEY", default=env.str("AWS_SECRET_ACCESS_KEY", default="")
)
MEDIA_S3_LOCATION = env.str("MEDIA_S3_LOCATION", default="")
MEDIA_S3_CUSTOM_DOMAIN = env.str("MEDIA_S3_CUSTOM_DOMAIN", default="")
MEDIA_S3_QUERYSTRING_AUTH = env.bool("MEDIA_S3_QUERYSTRING_AUTH", default=True)
MEDIA_S3_QUERYSTRING_EXPIRE = env.int("MEDIA_S3_QUERYSTRING_EXPIRE", default=3600)

# --- Applications ---------------------------------------------------------------------------------
INSTALLED_APPS = [
    # Project
    "sites",
    "themes",
    "search",
    "cms.core",
    "cms.home",
    "cms.standard",
    "cms.news",
    "cms.library",
    "cms.statistics",
    "cms.alerts",
    "cms.consultation",  # after cms.home: adds its section to the blueprint home registers
    "cms.api",
    "cms.signin",
    "cms.webhooks",
    "cms.demo",  # seed_demo and the demo data: the one app that imports every content app
    # wagtail-localize
    "wagtail_localize",
    "wagtail_localize.locales",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "corsheaders",
    "rest_framework",  # Wagtail API v2, extended by cms.api
    "ninja",  # static Swagger UI files for /api/docs/
    "django_tasks",
    "django_tasks_db",  # the task queue's table, for TASKS_BACKEND=database and db_worker
    # Sign-in: lockout of repeated failures, a second factor (cms.signin)
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",  # Content-Security-Policy: checks of the settings below
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.core.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files come precompressed), before everything that sets cookies.
    "cms.core.middleware.CompressionMiddleware",
    "sites.edge.EdgeCacheMiddleware",  # before sessions and CSRF: sees the cookies they set
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "cms.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cms.signin.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sites.middleware.DepartmentMiddleware",
    "cms.api.middleware.UnreadableRequestMiddleware",
    "sites.middleware.AdminTenantGuardMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": False,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # Themes first (the request's theme, then `default`), then every app's templates.
            "loaders": [
                (
                    "themes.loaders.ThemeCachedLoader",
                    [
                        "themes.loaders.ThemeLoader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
        },
    }
]

# --- Database, cache, sessions --------------------------------------------------------------------
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": SEARCH_INDEX_PREFIX.rstrip("_"),
        }
    }
else:
    CACHES = {"default": env.cache_url_config(CACHE_URL)}

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = LANGUAGE_CODES[0]
LANGUAGES = [(code, LANG_INFO[code]["name_local"]) for code in LANGUAGE_CODES]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_setting(
    MACHINE_TRANSLATOR,
    api_key=MACHINE_TRANSLATOR_API_KEY,
    url=MACHINE_TRANSLATOR_URL,
    glossary=MACHINE_TRANSLATION_GLOSSARY,
)
# The project's catalogues first, then locale/upstream: Vietnamese for the interface strings of
# Wagtail, wagtail-localize and django-taggit that their own catalogues lack (the admin staff see).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "upstream"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Slugs are ASCII: "Thủ tục hải quan" -> "thu-tuc-hai-quan".
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# --- Static and media -----------------------------------------------------------------------------
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "themes.finders.ThemeStaticFinder",
]
STORAGES = {
    "default": media_storage(
        bucket=MEDIA_S3_BUCKET,
        endpoint_url=MEDIA_S3_ENDPOINT_URL,
        region=MEDIA_S3_REGION,
        access_key=MEDIA_S3_ACCESS_KEY_ID,
        secret_key=MEDIA_S3_SECRET_ACCESS_KEY,
        location=MEDIA_S3_LOCATION,
        custom_domain=MEDIA_S3_CUSTOM_DOMAIN,
        querystring_auth=MEDIA_S3_QUERYSTRING_AUTH,
        querystring_expire=MEDIA_S3_QUERYSTRING_EXPIRE,
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Background tasks -----------------------------------------------------------------------------
TASKS = task_backends(TASKS_BACKEND)

# --- E-mail -------------------------------------------------------------------------------------------
vars().update(EMAIL_CONFIG)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -----------------------------------------------------------------------------------------
if SECURE_PROXY_SSL_HEADER_ENABLED:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "SAMEORIGIN"


def _source(url: str) -> list[str]:
    """The CSP source of an absolute STATIC_URL or MEDIA_URL (a CDN, object storage); none if local."""
    parts = urlsplit(url)
    return (
        [f"{parts.scheme}://{parts.netloc}" if parts.scheme else parts.netloc]
        if parts.netloc
        else []
    )


_ASSETS = [SELF, *_source(STATIC_URL), *_source(MEDIA_URL)]
# Public pages and the API (django-csp 4): no inline script anywhere; the one inline <style> (the
# department's brand colour, base.html) carries the request's nonce; embeds are https iframes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": _ASSETS,
        "style-src": [*_ASSETS, NONCE],
        "img-src": [*_ASSETS, "data:"],
        "font-src": _ASSETS,
        "connect-src": [SELF],
        "frame-src": [SELF, "https:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin (`cms.core.middleware.ContentSecurityPolicyMiddleware`): its templates and
# editors need inline scripts and styles; sources stay this origin (and the asset hosts), images
# may come from any https host (avatars, embed thumbnails), and previews frame the admin itself.
PORTAL_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [*_ASSETS, UNSAFE_INLINE],
        "style-src": [*_ASSETS, UNSAFE_INLINE],
        "img-src": [*_ASSETS, "data:", "blob:", "https:"],
        "font-src": [*_ASSETS, "data:"],
        "frame-ancestors": [SELF],
    }
}
# Browser features no page of the portal uses (django-permissions-policy); embeds keep fullscreen.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Sign-in (cms.signin) -----------------------------------------------------------------------
# Failed logins are counted per account and, separately, per client address (REMOTE_ADDR: the
# reverse proxy must pass the client's address there); either counter at its limit locks.
AUTHENTICATION_BACKENDS = [
    "cms.signin.backends.LockoutBackend",  # axes, for logins that carry a request
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "cms.signin.lockout.SignInLockoutHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
# A success never wipes the address's counter (an attacker's own account would reset it).
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "cms.signin.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "cms.signin.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429  # the lockout page's status (axes' default, read there too)
AXES_ENABLE_ACCESS_FAILURE_LOG = True
OTP_TOTP_ISSUER = "Cổng thông tin Hải quan"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# --- Wagtail ------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Cổng thông tin Hải quan"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# A compressed file is served as what it is (as Django's FileResponse does), never with its
# compression as Content-Encoding: `.tar.gz` is application/gzip, not application/x-tar.
_COMPRESSED_TYPES = {
    "br": "application/x-brotli",
    "bzip2": "application/x-bzip",
    "compress": "application/x-compress",
    "gzip": "application/gzip",
    "xz": "application/x-xz",
}
WAGTAILDOCS_CONTENT_TYPES = {
    extension.lstrip(".").lower(): _COMPRESSED_TYPES[encoding]
    for extension in {*mimetypes.encodings_map, *mimetypes.suffix_map}
    if (encoding := mimetypes.guess_type(f"file{extension}")[1]) in _COMPRESSED_TYPES
}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"webp": "webp"}
# Upload limits (cms/core/uploads.py): the admin forms and a pre_save check on both models.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = IMAGE_MAX_PIXELS
WAGTAILIMAGES_MAX_UPLOAD_SIZE = IMAGE_MAX_UPLOAD_SIZE
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.core.uploads.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.core.uploads.DocumentForm"
# WAGTAILDOCS_EXTENSIONS stays unset: its check (AbstractDocument.clean) also runs after a form
# error has emptied the file, adding "File extension “” is not allowed" to every refusal.
# cms.core.uploads checks DOCUMENT_EXTENSIONS together with the content instead.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAILSEARCH_BACKENDS = search_backends(ELASTICSEARCH_URL, SEARCH_INDEX_PREFIX)

# --- Headless API (cms.api) ---------------------------------------------------------------------
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_SEARCH_ENABLED = True
# Validate every API response against its declared schema (cms.api.http): a field returned
# without a schema fails loudly. On in tests and dev; off in production (it costs a parse).
API_VALIDATE_RESPONSES = env.bool("API_VALIDATE_RESPONSES", default=False)
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag",)

# --- Logging ------------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.security.DisallowedHost": {"level": "ERROR"},
        # Per-task and per-page chatter; warnings and errors still show.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "wagtail_localize": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # failures and lockouts; not every login's bookkeeping
    },
}
