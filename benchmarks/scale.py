"""`make bench-scale`: the demo site and a large one side by side on PostgreSQL, page by page.

The small site is the demo (`load_demo`); the large one is the demo grown by `load_scale` (10,000 articles,
500 products and 20,000 reviews unless told otherwise). Each lives in a database of its own; the large one
is reused when it already holds the asked-for numbers, so a second run starts measuring at once.

For every page it prints the queries one uncached render makes (counted in-process with Django's test
client under the production settings, after a warm-up render) and the median time of sequential requests
to gunicorn (production settings, page cache off, other caches on), asking the two sites in turn so a busy
machine slows both alike. Aim: the same queries, and the large site within 1.5x of the small one's time.

Environment: PG_URL (server, any database name), BENCH_SCALE_DB_SMALL / BENCH_SCALE_DB_LARGE (database
names), BENCH_SCALE_ARTICLES / _PRODUCTS / _REVIEWS, BENCH_SCALE_REQUESTS (timed requests per page and site),
BENCH_CACHE_URL (default a local-memory cache per process)."""

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    ("home", "/"),
    ("articles, page 1", "/articles/"),
    ("articles, page 500", "/articles/?page=500"),
    ("an article", "/articles/lower-back-pain-acupressure-points/"),
    ("point library", "/points/"),
    ("BL-40 (2,000 articles)", "/points/bl-40/"),
    ("articles using BL-40", "/articles/?point=bl-40"),
    ("author", "/authors/p-sze/"),
    ("reviewer", "/reviewers/mai-sogawa/"),
    ("product", "/products/facial-gua-sha-tool/"),
    ("shop", "/products/"),
    ("search", "/search/?q=back+pain"),
    ("sitemap index", "/sitemap.xml"),
    ("sitemap, pages 1", "/sitemap-pages.xml"),
    ("feed", "/feed/"),
]
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
SMALL_DB = os.environ.get("BENCH_SCALE_DB_SMALL", "tcmtips_bench_small")
LARGE_DB = os.environ.get("BENCH_SCALE_DB_LARGE", "tcmtips_bench_large")
ARTICLES = int(os.environ.get("BENCH_SCALE_ARTICLES", "10000"))
PRODUCTS = int(os.environ.get("BENCH_SCALE_PRODUCTS", "500"))
REVIEWS = int(os.environ.get("BENCH_SCALE_REVIEWS", "20000"))
REQUESTS = int(os.environ.get("BENCH_SCALE_REQUESTS", "15"))
AIM_RATIO = 1.5
WORK = Path(os.environ.get("BENCH_SCALE_DIR", Path(tempfile.gettempdir()) / "tcmtips-bench-scale"))
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def database_url(name):
    parts = urlsplit(PG_URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


def site_env(url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tcmtips.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": url,
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "locmemcache://bench-scale"),
        "ALLOW_LOCAL_CACHE": "true",
        "PAGE_CACHE_SECONDS": "0",
        "STATIC_ROOT": str(WORK / "static"),
        "MEDIA_ROOT": str(WORK / "media"),
        "SERVE_MEDIA": "true",
        "LOG_LEVEL": "ERROR",
    }


def run(command, url):
    subprocess.run([*MANAGE, *command], env=site_env(url), check=True, cwd=ROOT)


def create_database(name):
    import psycopg

    parts = urlsplit(PG_URL)
    with psycopg.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password,
        dbname="postgres", autocommit=True,
    ) as conn:  # fmt: skip
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def build():
    started = time.monotonic()
    WORK.mkdir(parents=True, exist_ok=True)
    small, large = database_url(SMALL_DB), database_url(LARGE_DB)
    create_database(SMALL_DB)
    run(["migrate", "--noinput", "-v0"], small)
    run(["load_demo", "-v0"], small)
    print(f"small site ready in {SMALL_DB} ({time.monotonic() - started:.0f}s)", flush=True)
    started = time.monotonic()
    # load_scale migrates, loads the demo and adds only what the database is missing. It is started from the
    # small site's settings: it refuses to build into the database it is itself configured with.
    run(
        [
            "load_scale",
            f"--database-url={large}",
            f"--articles={ARTICLES}",
            f"--products={PRODUCTS}",
            f"--reviews={REVIEWS}",
        ],
        small,
    )
    print(f"large site ready in {LARGE_DB} ({time.monotonic() - started:.0f}s)", flush=True)
    run(["collectstatic", "--noinput", "-v0"], small)
    return small, large


def count_queries():
    """In a child process configured for one site: queries and size of each page, after a warm-up render."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client, found = Client(), {}
    for _label, path in PAGES:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        found[path] = {"status": response.status_code, "queries": len(queries), "bytes": len(response.content)}
    print(json.dumps(found))


def counts_for(url):
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", "--count-queries"],
        env=site_env(url),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(url):
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tcmtips.wsgi",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**site_env(url), "ALLOWED_HOSTS": "127.0.0.1,localhost"},
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=2).read()
            return server, base
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn for {url} did not start")


def fetch_ms(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def timings(small_base, large_base):
    times = {path: ([], []) for _label, path in PAGES}
    for _label, path in PAGES:  # warm up: renditions, site root paths, the search catalogue
        for base in (small_base, large_base):
            for _ in range(3):
                fetch_ms(base + path)
    for _ in range(REQUESTS):
        for _label, path in PAGES:
            small_times, large_times = times[path]
            small_times.append(fetch_ms(small_base + path))
            large_times.append(fetch_ms(large_base + path))
    return {path: (statistics.median(s), statistics.median(large)) for path, (s, large) in times.items()}


def table(small_counts, large_counts, ms):
    header = ("page", "queries small", "queries large", "ms small", "ms large", "ratio", "KB small", "KB large")
    rows = []
    for label, path in PAGES:
        s, large = small_counts[path], large_counts[path]
        ms_small, ms_large = ms[path]
        rows.append(
            (
                f"{label} ({path})",
                str(s["queries"]),
                str(large["queries"]),
                f"{ms_small:.1f}",
                f"{ms_large:.1f}",
                f"{ms_large / ms_small:.2f}",
                f"{s['bytes'] / 1024:.0f}",
                f"{large['bytes'] / 1024:.0f}",
            )
        )
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        " | ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in [header, *rows]
    ]
    lines.insert(1, "-|-".join("-" * w for w in widths))
    return "\n".join(lines)


def main():
    if "--count-queries" in sys.argv:
        return count_queries()
    small, large = build()
    small_counts, large_counts = counts_for(small), counts_for(large)
    for counts, name in ((small_counts, SMALL_DB), (large_counts, LARGE_DB)):
        failed = {path: c["status"] for path, c in counts.items() if c["status"] != 200}
        if failed:
            raise SystemExit(f"{name}: pages that did not answer 200: {failed}")
    small_server, small_base = serve(small)
    large_server, large_base = serve(large)
    try:
        ms = timings(small_base, large_base)
    finally:
        for server in (small_server, large_server):
            server.terminate()
            server.wait(timeout=20)
    print()
    print(f"{ARTICLES} generated articles, {PRODUCTS} products, {REVIEWS} reviews; median of {REQUESTS} requests")
    print(table(small_counts, large_counts, ms))
    more_queries = [p for _l, p in PAGES if large_counts[p]["queries"] != small_counts[p]["queries"]]
    slower = [p for _l, p in PAGES if ms[p][1] > AIM_RATIO * ms[p][0]]
    print()
    print("queries: " + ("the same on every page" if not more_queries else "differ on " + ", ".join(more_queries)))
    print("time: " + ("every page within" if not slower else ", ".join(slower) + " slower than") + f" {AIM_RATIO}x")


if __name__ == "__main__":
    main()
