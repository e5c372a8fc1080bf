"""`make bench-stack`: a mixed read load through the whole stack (Varnish → nginx → two gunicorns →
PostgreSQL and Redis) while an editor publishes an article every two seconds.

1. The stack's demo site is grown (articles, products, reviews: ``demo.scale``) so the load covers more
   than 500 addresses: articles, points, products, the listings and their filters, and searches.
2. Every address is fetched once, so Varnish holds them, then wrk sends BENCH_STACK_SECONDS of requests
   for addresses picked at random (``benchmarks/stack_mix.lua``).
3. Meanwhile a publisher (a process of its own, with the app servers' settings) renames an article and
   publishes it every two seconds, then fetches the article through Varnish until the new title shows: the
   time from the publish to the fresh page.
4. Reported: throughput, p50 and p99 latency, errors, Varnish's hit ratio over the run (its own counters),
   and the publish-to-fresh times. Goals: 0 errors, a hit ratio of at least 95 %, p99 at most 50 ms, every
   fresh page within 1 s.

The stack must be running (``make stack``); it is left running. Loopback only, bounded in time."""

import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRY = "http://127.0.0.1:8080"
SECONDS = int(os.environ.get("BENCH_STACK_SECONDS", "30"))
CONNECTIONS = int(os.environ.get("BENCH_STACK_CONNECTIONS", "8"))
PUBLISH_EVERY = 2.0
GROW = {"articles": 200, "products": 40, "reviews": 400}
SEARCHES = [
    "back pain", "headache", "neck pain", "gua sha", "insomnia", "nausea", "bl40", "weizhong", "li4", "hegu",
    "st36", "zusanli", "pc6", "neiguan", "sp6", "pregnancy", "knee pain", "shoulder", "stress", "jade roller",
    "toothache", "menstrual cramps", "eye strain", "sinus", "digestion", "fatigue", "anxiety", "wrist pain",
    "hip pain", "sciatica",
]  # fmt: skip


def stack_env():
    env = dict(os.environ)
    for line in (ROOT / "deploy" / "stack.env").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            env[name] = value
    return env


def manage_python(code, env):
    """Run ``code`` in a Python with Django set up on the stack's settings; returns its stdout."""
    script = "import django\ndjango.setup()\n" + code
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


GROW_CODE = """
from demo.scale import build
build(articles={articles}, products={products}, reviews={reviews}, heavy_every=5)
"""

ADDRESSES_CODE = """
import json
from articles.models import AcupointPage, ArticlePage, Complaint, REGIONS
from articles import meridians
from authors.models import AuthorPage, ReviewerPage
from products.models import Product, ProductCategory
paths = [p.url for p in ArticlePage.objects.live()] + [p.url for p in AcupointPage.objects.live()]
paths += [p.url for p in AuthorPage.objects.live()] + [p.url for p in ReviewerPage.objects.live()]
paths += [p.get_absolute_url() for p in Product.objects.all()]
paths += ["/", "/articles/", "/points/", "/products/", "/authors/", "/reviewers/"]
paths += [f"/articles/?page={n}" for n in range(2, 6)]
paths += [f"/points/?meridian={m.slug}" for m in meridians.MERIDIANS]
paths += [f"/points/?region={key}" for key, _label in REGIONS]
paths += [f"/points/?complaint={c.slug}" for c in Complaint.objects.filter(points__isnull=False).distinct()]
paths += [f"/articles/?topic={c.slug}" for c in Complaint.objects.filter(articles__isnull=False).distinct()]
paths += [f"/products/category/{c.slug}/" for c in ProductCategory.objects.all()]
print(json.dumps(paths))
"""

PUBLISHER_CODE = """
import json, sys, time, urllib.request
from articles.models import ArticlePage
articles = list(ArticlePage.objects.live().order_by("pk")[:40])
end = time.monotonic() + {seconds}
n = 0
while time.monotonic() < end:
    started = time.monotonic()
    article = ArticlePage.objects.get(pk=articles[n % len(articles)].pk)
    marker = f"Revised {{n}} {{int(time.time() * 1000)}}"
    article.title = marker
    article.save_revision().publish()
    published = time.monotonic()
    url = "{entry}" + article.url
    fresh = None
    while time.monotonic() - published < 10:
        body = urllib.request.urlopen(url, timeout=5).read().decode()
        if marker in body:
            fresh = time.monotonic()
            break
        time.sleep(0.01)
    print(json.dumps({{"publish_s": published - started, "fresh_s": (fresh - started) if fresh else None}}), flush=True)
    n += 1
    time.sleep(max(0, {every} - (time.monotonic() - started)))
"""


def varnish_counters():
    out = subprocess.run(
        ["varnishstat", "-n", str(ROOT / ".stack" / "varnish"), "-1", "-j"], capture_output=True, text=True, check=True
    ).stdout
    data = json.loads(out)
    counters = data.get("counters", data)
    return {name: counters[f"MAIN.{name}"]["value"] for name in ("cache_hit", "cache_miss", "cache_hitpass")}


def fetch_all(paths):
    errors = 0
    for path in paths:
        try:
            urllib.request.urlopen(ENTRY + path, timeout=30).read()
        except OSError:
            errors += 1
    return errors


def main():
    try:
        urllib.request.urlopen(ENTRY + "/", timeout=5).read()
    except OSError:
        raise SystemExit(f"the stack is not answering at {ENTRY}: run `make stack` first") from None
    env = stack_env()
    print(f"Growing the stack's site ({GROW})…", flush=True)
    manage_python(GROW_CODE.format(**GROW), env)
    paths = json.loads(manage_python(ADDRESSES_CODE, env))
    paths += ["/search/?q=" + query.replace(" ", "+") for query in SEARCHES]
    random.Random(7).shuffle(paths)
    print(f"{len(paths)} addresses; fetching each once…", flush=True)
    warm_errors = fetch_all(paths)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    before = varnish_counters()
    publisher = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import django\ndjango.setup()\n"
            + PUBLISHER_CODE.format(seconds=SECONDS, entry=ENTRY, every=PUBLISH_EVERY),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.5)  # the publisher's Django starts
    load = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "--timeout",
            "5s",
            "-s",
            str(ROOT / "benchmarks" / "stack_mix.lua"),
            ENTRY,
            "--",
            listing.name,
        ],
        capture_output=True,
        text=True,
        timeout=SECONDS + 60,
    ).stdout
    publishes = [json.loads(line) for line in publisher.communicate(timeout=60)[0].splitlines() if line.strip()]
    after = varnish_counters()
    os.unlink(listing.name)
    result = json.loads(re.search(r"RESULT (\{.*\})", load).group(1))
    hits = after["cache_hit"] - before["cache_hit"]
    lookups = hits + after["cache_miss"] - before["cache_miss"] + after["cache_hitpass"] - before["cache_hitpass"]
    fresh = [p["fresh_s"] for p in publishes]
    report = {
        "addresses": len(paths),
        "seconds": result["seconds"],
        "connections": CONNECTIONS,
        "requests": result["requests"],
        "throughput_rps": round(result["requests"] / result["seconds"], 1),
        "latency_ms": result["latency_ms"],
        "errors": {**result["errors"], "warm_up": warm_errors},
        "hit_ratio": round(hits / lookups, 4) if lookups else None,
        "publishes": len(publishes),
        "fresh_after_publish_s": {
            "median": round(statistics.median([f for f in fresh if f is not None]), 3) if any(fresh) else None,
            "max": round(max(f for f in fresh if f is not None), 3) if any(fresh) else None,
            "never_fresh": sum(f is None for f in fresh),
        },
    }
    print(json.dumps(report, indent=2))
    goals = {
        "0 errors": sum(report["errors"].values()) == 0,
        "hit ratio ≥ 95%": (report["hit_ratio"] or 0) >= 0.95,
        "p99 ≤ 50 ms": report["latency_ms"]["p99"] <= 50,
        "fresh within 1 s": report["fresh_after_publish_s"]["never_fresh"] == 0
        and (report["fresh_after_publish_s"]["max"] or 99) <= 1,
    }
    for goal, met in goals.items():
        print(f"{goal:20} {'met' if met else 'MISSED'}")


if __name__ == "__main__":
    main()
