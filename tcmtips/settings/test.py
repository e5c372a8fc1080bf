from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default="/tmp/tcmtips-test-media")
WAGTAILADMIN_BASE_URL = "http://testserver"
