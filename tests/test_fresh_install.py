"""Medical review is schema: a database that only ran `migrate` already guards articles with it.

The check itself is tests/fresh_install/check_fresh_install.py. It needs a database on which load_demo
never ran, so it runs in a pytest of its own without tests/conftest.py (which loads the demo), on a test
database of its own (SQLite in memory, or `<name>_fresh` on PostgreSQL)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def test_a_fresh_install_reviews_articles_without_load_demo():
    env = {**os.environ, "CACHE_URL": "locmemcache://fresh-install"}
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        name = db["NAME"].removeprefix("test_")
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{name}_fresh"
    else:
        env["DATABASE_URL"] = "sqlite:///:memory:"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--noconftest",
            "-p",
            "no:cacheprovider",
            "-q",
            "--create-db",
            "tests/fresh_install/check_fresh_install.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "2 passed" in result.stdout
