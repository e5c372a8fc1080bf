import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo site is loaded once per run; each test then runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The page cache lives outside the database (Redis on CI): start every test with it empty.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The demo site, reloaded if a transactional test emptied the tables before this one."""
    from home.models import HomePage

    if not HomePage.objects.exists():
        call_command("load_demo", verbosity=0)
    from articles.models import ArticlePage

    return ArticlePage.objects.get(slug="lower-back-pain-acupressure-points")


@pytest.fixture
def article(demo):
    return demo


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def editor(db):
    """A member of Wagtail's Editors group, as an editor on the team would be."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("eddie", "eddie@example.com", "a-long-test-password")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def admin_user(db):
    from django.contrib.auth.models import User

    return User.objects.create_superuser("boss", "boss@example.com", "a-long-test-password")


@pytest.fixture
def redis_down(settings):
    """Every cache pointed at a port where no Redis listens, for one test (the cache then fails open)."""
    from django.core.cache import caches

    settings.CACHES = {
        name: {
            "BACKEND": "caching.backends.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
        for name in ("default", "renditions")
    }

    def reset():
        for name in ("default", "renditions"):
            if hasattr(caches._connections, name):
                delattr(caches._connections, name)

    reset()
    yield
    reset()


@pytest.fixture
def sitemap_entries(client):
    """Every <url> of the sitemap, found the way a crawler finds them: /sitemap.xml is an index of section
    pages. Returns {loc: lastmod text or None}."""
    import xml.etree.ElementTree as ET
    from urllib.parse import urlsplit

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}

    def read():
        index = client.get("/sitemap.xml")
        assert index.status_code == 200
        entries = {}
        for loc in ET.fromstring(index.content).findall("s:sitemap/s:loc", ns):
            parts = urlsplit(loc.text)
            section = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
            assert section.status_code == 200, loc.text
            for url in ET.fromstring(section.content).findall("s:url", ns):
                lastmod = url.find("s:lastmod", ns)
                entries[url.find("s:loc", ns).text] = lastmod.text if lastmod is not None else None
        return entries

    return read
