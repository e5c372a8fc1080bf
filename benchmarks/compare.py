"""`make bench-compare AGAINST=<commit>`: this checkout against an earlier commit, served side by side in
one run, page by page, so the machine's drift (a third within a minute) falls on both alike.

Each checkout gets its own demo site (``bench.prepare``) and its own gunicorn; each round runs, for both
in turn, the static file and then the page, and takes the page's rate as a fraction of its own static
file's (what ``make bench`` reports). A page's speed-up is the median over BENCH_ROUNDS rounds of this
checkout's fraction over the earlier one's. BENCH_STATES picks the states (``bench.STATES``; every cache
off by default), BENCH_PAGES the pages. In a state with a cache, this checkout uses BENCH_CACHE_URL and the
earlier one BENCH_AGAINST_CACHE_URL (by default each process its own memory)."""

import os
import shutil
import statistics
import subprocess
import tarfile
import tempfile
from pathlib import Path

from .bench import ROOT, ROUNDS, STATES, STATIC, chosen_pages, free_port, prepare, rps, serve, wait_up


def export(commit, folder):
    """The files of ``commit`` in ``folder`` (git archive: no second work tree to clean up)."""
    archive = folder / "source.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", "-o", str(archive), commit], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder / "source", filter="data")
    return folder / "source"


def fraction(base, path):
    static = rps(base + STATIC)
    return rps(base + path) / static


def main():
    against = os.environ.get("AGAINST")
    if not against:
        raise SystemExit("say which commit to compare with: make bench-compare AGAINST=<commit>")
    folder = Path(tempfile.mkdtemp(prefix="tcmtips-compare-"))
    try:
        other = export(against, folder)
        sites = {
            "this": (ROOT, prepare(ROOT, folder / "this"), os.environ.get("BENCH_CACHE_URL")),
            against: (other, prepare(other, folder / "against"), os.environ.get("BENCH_AGAINST_CACHE_URL")),
        }
        states = os.environ.get("BENCH_STATES", "no-cache").split(",")
        pages = chosen_pages()
        rows = []
        for state in states:
            servers, bases = [], {}
            try:
                for name, (root, env, cache_url) in sites.items():
                    port = free_port()
                    overrides = dict(STATES[state])
                    if cache_url and "CACHE_URL" not in overrides:
                        overrides["CACHE_URL"] = cache_url
                    servers.append(serve({**env, **overrides}, port, root=root))
                    bases[name] = f"http://127.0.0.1:{port}"
                for base in bases.values():
                    wait_up(base + "/")
                for label, path, _aim in pages:
                    rounds = [{name: fraction(base, path) for name, base in bases.items()} for _ in range(ROUNDS)]
                    now = statistics.median(r["this"] for r in rounds)
                    then = statistics.median(r[against] for r in rounds)
                    speedup = statistics.median(r["this"] / r[against] for r in rounds)
                    rows.append((state, label, then, now, speedup))
            finally:
                for server in servers:
                    server.terminate()
                    server.wait(timeout=20)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\nthis checkout against {against}, median of {ROUNDS} rounds (fractions of each one's static file)")
    print(f"{'state':<10}{'page':<10}{against[:12]:>14}{'this':>10}{'speed-up':>10}")
    for state, label, then, now, speedup in rows:
        print(f"{state:<10}{label:<10}{then:>14.3f}{now:>10.3f}{speedup:>9.2f}x")


if __name__ == "__main__":
    main()
