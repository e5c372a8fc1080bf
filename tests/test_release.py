"""A new release never serves what the previous one cached (tcmtips.release): the default cache's
keys start with a digest of the code and templates, which changes with any of them and is the same for
the same files (so every app server of one release shares the cache)."""

from django.conf import settings
from django.core.cache import cache

from tcmtips.release import source_digest


def write(root, files):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_the_same_files_give_the_same_release_and_any_change_a_new_one(tmp_path):
    write(tmp_path, {"app/models.py": "x = 1\n", "templates/page.html": "<h1>{{ page.title }}</h1>\n"})
    first = source_digest(tmp_path, ["app", "templates"])
    assert source_digest(tmp_path, ["app", "templates"]) == first
    write(tmp_path, {"templates/page.html": "<h2>{{ page.title }}</h2>\n"})
    assert source_digest(tmp_path, ["app", "templates"]) != first


def test_compiled_files_and_tests_do_not_change_the_release(tmp_path):
    write(tmp_path, {"app/models.py": "x = 1\n"})
    first = source_digest(tmp_path, ["app"])
    write(tmp_path, {"app/__pycache__/models.cpython-311.pyc": "bytes", "app/tests/test_x.py": "y = 2\n"})
    assert source_digest(tmp_path, ["app"]) == first


def test_every_key_of_the_default_cache_names_the_release():
    assert settings.RELEASE and settings.CACHES["default"]["KEY_PREFIX"] == settings.RELEASE
    assert cache.make_key("fragment:x").startswith(f"{settings.RELEASE}:")
