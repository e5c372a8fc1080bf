"""`make bench`: throughput of the site under gunicorn, as fractions of a static file served by the
same process in the same run (ratios survive a noisy machine; absolute numbers do not).

Serves the demo on a throw-away SQLite database with production settings over plain HTTP on loopback, in
three states, each with its own static floor:
- ``cached``: the page cache on (what most readers get);
- ``fragments``: the page cache off, the fragment cache warm (what a page-cache miss costs; the aims are
  at 0.10 of static for the article, a point, the home page and a product, 0.05 for /points/ and search);
- ``no-cache``: every cache off (CACHE_URL=dummycache://), the database and templates alone.
Uses wrk when installed, else a small threaded Python client. Bounded in time (BENCH_SECONDS per run).

The machine's speed drifts by a third within a minute (a shared virtual machine), so one static figure
per state would not do: each page is measured in BENCH_ROUNDS rounds, each a run of the static file
straight before a run of the page, and its figure is the median of the rounds' ratios.
BENCH_ROOT runs another checkout of the site (for a before/after in one run of this script)."""

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(os.environ.get("BENCH_ROOT") or Path(__file__).resolve().parent.parent)
ARTICLE = "/articles/lower-back-pain-acupressure-points/"
STATIC = "/static/css/site.css"
SUGGEST = "/search/suggest/?q=wei"  # search suggestions, fetched on every keystroke (aim ≥ 20% of static)
# (label, path, the aim as a fraction of static with the page cache off and fragments warm)
PAGES = [
    ("article", ARTICLE, 0.10),
    ("point", "/points/bl-40/", 0.10),
    ("home", "/", 0.10),
    ("product", "/products/facial-gua-sha-tool/", 0.10),
    ("points", "/points/", 0.05),
    ("search", "/search/?q=back+pain", 0.05),
    ("suggest", SUGGEST, 0.20),
]
STATES = {
    "cached": {"PAGE_CACHE_SECONDS": "600"},
    "fragments": {"PAGE_CACHE_SECONDS": "0"},
    "no-cache": {"PAGE_CACHE_SECONDS": "0", "CACHE_URL": "dummycache://"},
}
SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wrk_rps(url):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", url], capture_output=True, text=True, timeout=SECONDS + 30
    ).stdout
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{url} answered {non2xx.group(1)} errors:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def python_rps(url):
    host, port = url.split("//")[1].split("/")[0].split(":")
    path = "/" + url.split("//")[1].split("/", 1)[1]
    deadline, counts = time.monotonic() + SECONDS, []

    def worker():
        conn, n = HTTPConnection(host, int(port), timeout=10), 0
        while time.monotonic() < deadline:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            assert response.status == 200, response.status
            n += 1
        counts.append(n)

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / SECONDS


def rps(url):
    for _ in range(20):  # warm up: renditions, connection pools, the page cache
        urllib.request.urlopen(url, timeout=10).read()
    return wrk_rps(url) if shutil.which("wrk") else python_rps(url)


def ratio(base, path, statics):
    """The median over the rounds of the page's rate over the static file's, measured just before it."""
    ratios = []
    for _ in range(ROUNDS):
        static = rps(base + STATIC)
        statics.append(static)
        ratios.append(rps(base + path) / static)
    return statistics.median(ratios)


def serve(env, port, root=ROOT):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tcmtips.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=root,
        env=env,
    )


def wait_up(url):
    for _ in range(150):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not start")


def prepare(root, folder):
    """The demo site of the checkout at ``root`` in ``folder`` (database, static files, uploads): the
    environment its server runs with."""
    folder.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tcmtips.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{folder / 'db.sqlite3'}"),
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "locmemcache://bench"),
        # Production settings refuse a local-memory cache unless told; the bench measures one machine.
        "ALLOW_LOCAL_CACHE": "true",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "SERVE_MEDIA": "true",
    }
    manage = [sys.executable, str(root / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["load_demo", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([*manage, *command], env=env, check=True, cwd=root)
    return env


def chosen_pages():
    only = os.environ.get("BENCH_PAGES", "").split(",") if os.environ.get("BENCH_PAGES") else None
    return [page for page in PAGES if not only or page[0] in only]


def main():
    folder = Path(tempfile.mkdtemp(prefix="tcmtips-bench-"))
    env = prepare(ROOT, folder)
    pages = chosen_pages()
    results = {}
    for state, overrides in STATES.items():
        port = free_port()
        server = serve({**env, **overrides}, port)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_up(base + "/")
            statics = []
            results[state] = {label: round(ratio(base, path, statics), 3) for label, path, _aim in pages}
            results[state]["static_rps"] = round(statistics.median(statics))
        finally:
            server.terminate()
            server.wait(timeout=20)
    shutil.rmtree(folder, ignore_errors=True)
    print(
        json.dumps(
            {"seconds": SECONDS, "rounds": ROUNDS, "connections": CONNECTIONS, "root": str(ROOT), **results}, indent=2
        )
    )
    print(f"\n{'page':<10}" + "".join(f"{state:>12}" for state in STATES) + f"{'aim (fragments)':>18}")
    for label, _path, aim in pages:
        row = "".join(f"{results[state][label]:>12.3f}" for state in STATES)
        verdict = "met" if results["fragments"][label] >= aim else "MISSED"
        print(f"{label:<10}{row}{aim:>12.2f} {verdict}")
    print("(each figure: requests per second as a fraction of the static file's in the same state)")


if __name__ == "__main__":
    main()
