"""Settings for OCOP Platform: one file, every knob an environment variable.

Defaults just work on a laptop (SQLite, console e-mail, local files, in-memory cache).
Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; a malformed value
stops start-up with a message naming the variable.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ocop.lib.env import (
    cache_from_url,
    database_from_url,
    env_bool,
    env_int,
    env_json,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("OCOP_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)

_DEV_SECRET = "dev-only-secret-key-do-not-use-in-production-0123456789abcdef"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG=false.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "ninja",
    "ocop",
    "ocop.lib",
    "ocop.audit",
    "ocop.places",
    "ocop.accounts",
    "ocop.legal",
    "ocop.producers",
    "ocop.products",
    "ocop.criteria",
    "ocop.notify",
    "ocop.dossiers",
    "ocop.evaluation",
    "ocop.recognition",
    "ocop.certificates",
    "ocop.listings",
    "ocop.promotion",
    "ocop.catalogue",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ocop.lib.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ocop.lib.middleware.PrivateResponsesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ocop.lib.locale.VietnameseFirstLocaleMiddleware",
    "ocop.lib.middleware.NoNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "ocop.lib.middleware.OwnErrorPagesMiddleware",
]

ROOT_URLCONF = "ocop.urls"
WSGI_APPLICATION = "ocop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ocop.lib.navigation.context",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
DATABASES = {"default": database_from_url("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ocop.sqlite3'}")}
# A worker keeps its connection between requests (seconds; 0 opens one per request). Opening a
# SQLite connection with the pragmas below cost more than most pages (docs/benchmarks.md).
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL: readers do not wait for a writer, and a commit is not an fsync (NORMAL is
        # durable across application crashes, as SQLite's documentation recommends for WAL).
        "init_command": (
            "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        ),
        # Writers take the lock when their transaction begins, so when twelve council
        # members submit at once the others wait their turn instead of failing.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file too: an in-memory database shared between threads locks whole
    # tables and fails at once instead of waiting (tests/evaluation/test_concurrency.py).
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------
CACHES = {"default": cache_from_url("CACHE_URL", "locmem://")}

# --- Accounts ---------------------------------------------------------------------------
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Failed sign-ins: after each failure beyond the first, the next attempt for that user name
# from that address is refused until a little later (growing, capped; nothing sleeps), and
# AXES_FAILURE_LIMIT failures for one user name from one address lock it for a while. The
# user name is counted as sign-in reads it (trimmed, lower case), the address as
# ocop.lib.net.client_ip reads it (OCOP_CLIENT_IP_HEADER below).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "ocop.lib.net.client_ip"
AXES_USERNAME_CALLABLE = "ocop.accounts.auth_events.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
LOGIN_FAILURE_DELAY_STEP = float(env_str("LOGIN_FAILURE_DELAY_STEP", "0.5"))
LOGIN_FAILURE_DELAY_MAX = float(env_str("LOGIN_FAILURE_DELAY_MAX", "3"))

# --- Language, time ---------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "ocop" / "locale"]
LANGUAGE_COOKIE_NAME = "ocop_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True  # no script reads it; LANGUAGE_COOKIE_SECURE is set below
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Files ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    # STORAGE_BACKEND may name any Django storage class (e.g. an S3-compatible one);
    # STORAGE_OPTIONS is a JSON object passed to it.
    "default": {
        "BACKEND": env_str("STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env_json("STORAGE_OPTIONS", {}),
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# --- E-mail -----------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "OCOP <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ---------------------------------------------------------------------------
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY", False) else None
)
# Behind reverse proxies: the header they put the client's address in ("X-Forwarded-For",
# "X-Real-IP"; empty: REMOTE_ADDR) and how many proxies stand in front of the application
# (the address the outermost one saw is the N-th from the right). Read only through
# ocop.lib.net.client_ip: sign-in limits, consumers' reports, the audit log.
OCOP_CLIENT_IP_HEADER = env_str("OCOP_CLIENT_IP_HEADER", "").strip()
OCOP_TRUSTED_PROXY_COUNT = env_int("OCOP_TRUSTED_PROXY_COUNT", 1)
if OCOP_TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured("OCOP_TRUSTED_PROXY_COUNT must be 1 or more.")
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

# --- Demo data --------------------------------------------------------------------------
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "ocop-demo-2026")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # pypdf warns once per object it repairs: a hostile PDF would write thousands of lines.
    "loggers": {"axes": {"level": "WARNING"}, "pypdf": {"level": "ERROR"}},
}
CSRF_FAILURE_VIEW = "ocop.views.csrf_failure"
FORMAT_MODULE_PATH = ["ocop.formats"]
OCOP_EXTRA_DAYS_OFF = env_list("OCOP_EXTRA_DAYS_OFF", [])  # ISO dates decreed as days off
# Published criteria sets are read once per process (criteria/queries.py); seconds before a
# set loaded by another process is seen.
OCOP_CRITERIA_MEMO_SECONDS = env_int("OCOP_CRITERIA_MEMO_SECONDS", 300)
OCOP_UPLOAD_MAX_BYTES = env_int("OCOP_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)  # per evidence file
# Per evidence image, read from its header before decoding: a full-resolution 50 MP phone photo
# passes (about 150 MB once decoded); a 9,400 x 9,400 image that packs into 280 KB does not.
OCOP_IMAGE_MAX_PIXELS = env_int("OCOP_IMAGE_MAX_PIXELS", 52_000_000)
# Consumers' reports (/phan-anh/) accepted per client address per day (counted by a hash).
OCOP_REPORTS_PER_DAY = env_int("OCOP_REPORTS_PER_DAY", 5)
# Whom the public verification page names when a code is unknown or a label looks wrong.
OCOP_CONTACT_NAME = env_str("OCOP_CONTACT_NAME", "Cơ quan tham mưu quản lý OCOP cấp tỉnh")
OCOP_CONTACT_PHONE = env_str("OCOP_CONTACT_PHONE", "")
OCOP_CONTACT_EMAIL = env_str("OCOP_CONTACT_EMAIL", "")

# --- Open data (the law is silent on a licence: a setting, CC BY 4.0 by default) ---------
OCOP_OPEN_DATA_LICENCE = env_str("OCOP_OPEN_DATA_LICENCE", "CC BY 4.0")
OCOP_OPEN_DATA_LICENCE_URL = env_str(
    "OCOP_OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
OCOP_OPEN_DATA_PUBLISHER = env_str("OCOP_OPEN_DATA_PUBLISHER", OCOP_CONTACT_NAME)

# --- Map (/ban-do/): the background tiles are a setting, not a dependency: a province may run
# its own tile server. A URL template with {z}, {x}, {y} (a leading {s}. picks a subdomain);
# empty: no background (the markers, the list and "nearest" still work on a blank map).
# The map page adds the tile server's host to its own Content-Security-Policy's img-src.
OCOP_MAP_TILES = env_str("OCOP_MAP_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png").strip()
OCOP_MAP_ATTRIBUTION = env_str("OCOP_MAP_ATTRIBUTION", "© OpenStreetMap")
if OCOP_MAP_TILES and not (
    OCOP_MAP_TILES.startswith(("https://", "http://", "/"))
    and all(part in OCOP_MAP_TILES for part in ("{z}", "{x}", "{y}"))
):
    raise ImproperlyConfigured(
        "OCOP_MAP_TILES must be empty or a URL template with {z}, {x} and {y}."
    )
