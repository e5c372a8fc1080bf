from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)

_missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS") if not env(name, default="")]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables, which are not set: " + ", ".join(_missing)
    )
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405

# --- No per-process state in production ---
# A local-memory cache lives inside one process: with several gunicorn workers or app servers, each would keep
# its own page cache, page-cache version and rate-limit counters, so a publish would leave the other
# processes serving stale pages and every limit would be multiplied by the number of processes.
_LOCAL_CACHES = ("LocMemCache", "DummyCache")
if not env.bool("ALLOW_LOCAL_CACHE", default=False):
    _local = sorted(name for name, conf in CACHES.items() if conf["BACKEND"].endswith(_LOCAL_CACHES))  # noqa: F405
    if _local:
        raise ImproperlyConfigured(
            f"CACHE_URL is a local-memory or dummy cache ({CACHE_URL!r}), which production refuses: every "  # noqa: F405
            "process would keep its own page cache, page-cache version and rate-limit counters, so publishes "
            "would not reach the other processes and limits would not hold. Point CACHE_URL at the shared "
            "Redis (redis://host:6379/0), or set ALLOW_LOCAL_CACHE=true for a single-process install."
        )

# --- Mail: EMAIL_URL such as smtp+tls://user:password@smtp.example.com:587 (django-environ's
# email_url). Without it mail is dropped with a warning: never a connection error, and never written to
# the log, where a password-reset link would open the account to anyone who reads it.
if env("EMAIL_URL", default=""):
    _email = env.email_url("EMAIL_URL")
    EMAIL_BACKEND = _email.pop("EMAIL_BACKEND")
    vars().update(_email)
else:
    EMAIL_BACKEND = "security.mail.DiscardWithWarningBackend"
