"""A throwaway copy of the demo site for a browser to look at: the browser tests and the editors' guide
screenshots (docs/screenshots.py) each serve one, so they never touch the test or development database.

``served_demo(folder, name)`` migrates a fresh SQLite database in ``folder``, loads the demo, runs
``setup`` (Python for ``manage.py shell``) if given, serves the site with ``runserver`` on a free loopback
port, and yields ``(base URL, what setup printed)``; the server stops when the block ends."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Debian's Chromium in a container: no sandbox, no GPU, and none of its calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served_demo(folder, name, setup=None, extra_env=None):
    folder = Path(folder)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tcmtips.settings.dev",
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "CACHE_URL": f"locmemcache://{name}",
        **(extra_env or {}),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, timeout=300)
    subprocess.run([*manage, "load_demo", "-v0"], env=env, check=True, timeout=300)
    printed = ""
    if setup:
        printed = subprocess.run(
            [*manage, "shell", "-c", setup], env=env, check=True, timeout=120, capture_output=True, text=True
        ).stdout
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield base, printed
    finally:
        server.terminate()
        server.wait(timeout=10)
