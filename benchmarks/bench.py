"""`make bench`: throughput of the site under gunicorn, as fractions of a static file served by the
same process in the same run (ratios survive a noisy machine; absolute numbers do not).

Serves the demo on a throw-away SQLite database with production settings over plain HTTP on loopback,
once with the page cache on (static floor, cached article) and once with it off (static floor, uncached
article). Uses wrk when installed, else a small threaded Python client. Bounded in time."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "/articles/lower-back-pain-acupressure-points/"
STATIC = "/static/css/site.css"
SUGGEST = "/search/suggest/?q=wei"  # search suggestions, fetched on every keystroke (aim ≥ 20% of static)
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
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


def serve(env, port):
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
        cwd=ROOT,
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


def main():
    folder = Path(tempfile.mkdtemp(prefix="tcmtips-bench-"))
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
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["load_demo", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([*manage, *command], env=env, check=True, cwd=ROOT)
    results = {}
    for label, cache_seconds in (("cached", "600"), ("uncached", "0")):
        port = free_port()
        server = serve({**env, "PAGE_CACHE_SECONDS": cache_seconds}, port)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_up(base + "/")
            static = rps(base + STATIC)
            article = rps(base + ARTICLE)
            suggest = rps(base + SUGGEST)
        finally:
            server.terminate()
            server.wait(timeout=20)
        results[label] = {
            "static_rps": round(static),
            "article_rps": round(article),
            "ratio": round(article / static, 3),
            "suggest_rps": round(suggest),
            "suggest_ratio": round(suggest / static, 3),
        }
    shutil.rmtree(folder, ignore_errors=True)
    print(
        json.dumps(
            {
                "seconds": SECONDS,
                "connections": CONNECTIONS,
                "tool": "wrk" if shutil.which("wrk") else "python",
                **results,
            },
            indent=2,
        )
    )
    print(
        f"cached article: {results['cached']['ratio']:.0%} of the static floor (aim ≥ 50%); "
        f"uncached: {results['uncached']['ratio']:.0%} (aim ≥ 10%); "
        f"suggest: {results['cached']['suggest_ratio']:.0%} / {results['uncached']['suggest_ratio']:.0%} (aim ≥ 20%)"
    )


if __name__ == "__main__":
    main()
