"""Settings shared by every environment. Everything that differs between machines comes from the
environment (or an optional `.env` file beside manage.py) through django-environ."""

import datetime
from pathlib import Path

import environ

from tcmtips.release import source_digest

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "tcmtips",
    "home",
    "search",
    "roles",
    "articles",
    "authors",
    "products",
    "seo",
    "base",
    "security",
    "caching",
    "demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",  # purges Varnish on publish (see the block at the end)
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
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
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Pages compressed for every reader (nginx and Varnish pass them on as they are); outermost, so page
    # cache hits are compressed too. Django's GZip pads each response against BREACH-style guessing.
    "django.middleware.gzip.GZipMiddleware",
    "caching.middleware.TokenMemoMiddleware",  # the cache's tokens read at most once a request
    "security.hardening.HostileInputMiddleware",  # NUL bytes and forged session keys
    "security.hardening.FormCharsetMiddleware",  # form bodies in UTF-8 only
    "security.client.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "security.headers.SecurityHeadersMiddleware",
    "security.login_limits.PasswordFormLimitMiddleware",  # password reset, page passwords
    # Cache-Control for a shared HTTP cache; outside the page cache, so its hits get it too.
    "caching.middleware.SharedCacheControlMiddleware",
    "caching.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # security: turns a locked-out login into a 429
]

ROOT_URLCONF = "tcmtips.urls"
WSGI_APPLICATION = "tcmtips.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "caching.context_processors.fragment_seconds",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache(url):
    cache = environ.Env.cache_url_config(url)
    if cache["BACKEND"].endswith("RedisCache"):
        # Django's own Redis backend, made safe to lose (caching.backends): a quarter of a second to connect
        # and to answer, then pages render without it.
        cache["BACKEND"] = "caching.backends.FailOpenRedisCache"
        cache["OPTIONS"] = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}
    return cache


CACHE_URL = env("CACHE_URL", default="locmemcache://tcmtips")
CACHES = {
    "default": _cache(CACHE_URL),
    # Renditions get their own cache so image tags never hit the database twice (see DESIGN pitfalls).
    "renditions": _cache(CACHE_URL),
}
CACHES["renditions"]["KEY_PREFIX"] = "renditions"
# Everything else in the cache was rendered or worked out by this release of the code (tcmtips.release).
RELEASE = env("RELEASE", default="") or source_digest(
    BASE_DIR,
    ["tcmtips", "home", "search", "articles", "authors", "products", "seo", "base", "security", "caching", "templates"],
)
CACHES["default"]["KEY_PREFIX"] = RELEASE
# The views that list the whole site, purged with every change (caching.purge).
CACHING_SITEWIDE_PATHS = "tcmtips.urls.sitewide_paths"
# Addresses (or networks, e.g. 10.0.0.0/8) of our own reverse proxies. X-Forwarded-For/-Proto/-Host are
# believed only from these; by default from no one (see security.client).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
# Sessions in the cache, backed by the database: the page cache checks a session cookie with one cache read.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Fragments are keyed on the cache_key of what they show, so a long life never shows stale text;
# the limit only lets entries nobody reads any more go before Redis has to evict them.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=7 * 24 * 3600)
LOGIN_ATTEMPTS_PER_WINDOW = env.int("LOGIN_ATTEMPTS_PER_WINDOW", default=10)
LOGIN_WINDOW_SECONDS = 15 * 60

# --- Security: every password form limited per username + client address, with django-axes'
# counters in the database (shared by all app servers, independent of Redis). See tcmtips/login_limits.py.
INSTALLED_APPS += ["axes"]
# AxesBackend is Django's ModelBackend with the lockout check in front (so force_login and Wagtail's own test
# helpers can find a user through it).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = "security.login_limits.failure_limit"  # reads LOGIN_ATTEMPTS_PER_WINDOW
AXES_COOLOFF_TIME = datetime.timedelta(seconds=LOGIN_WINDOW_SECONDS)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "security.client.client_id"  # an IPv6 client counts by its /64
AXES_USERNAME_CALLABLE = "security.login_limits.normalise_username"
AXES_LOCKOUT_CALLABLE = "security.login_limits.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False  # no Django admin here
AXES_DISABLE_ACCESS_LOG = True  # keep failures only: no log of every editor's successful sign-in
AXES_VERBOSE = False
# --- end security

# --- Mail: workflow notices to reviewers and password resets. Printed to the console unless
# production sets EMAIL_URL (see production.py).
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="TCM Tips <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# --- end mail
# The admin's update check would fetch from another host, which its Content-Security-Policy forbids.
WAGTAIL_ENABLE_UPDATE_CHECK = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "TCM Tips"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
# No third-party requests from the admin either: avatars are uploaded, not fetched from Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# A finished medical review publishes the article even though reviewers can't publish directly.
WAGTAIL_FINISH_WORKFLOW_ACTION = "articles.workflow_finish.publish_approved"
WAGTAILDOCS_EXTENSIONS = ["pdf"]
# Uploads: images only, limited in bytes and in pixels.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 8 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Wagtail's preview views override this to SAMEORIGIN for the admin's own preview iframe.
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# --- Shared HTTP cache in front of the app servers (Varnish in `make stack`) ---
# How long a shared cache may keep a public page (it is purged on publish), and how long a browser may.
HTTP_CACHE_SECONDS = env.int("HTTP_CACHE_SECONDS", default=600)
BROWSER_CACHE_SECONDS = env.int("BROWSER_CACHE_SECONDS", default=60)
# FRONTEND_CACHE_URL=http://127.0.0.1:8080 makes every publish purge the page's URLs from that Varnish.
FRONTEND_CACHE_URL = env("FRONTEND_CACHE_URL", default="")
WAGTAILFRONTENDCACHE = (
    {"varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": FRONTEND_CACHE_URL}}
    if FRONTEND_CACHE_URL
    else {}
)
