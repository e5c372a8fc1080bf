"""`manage.py load_scale --database-url URL`: a large site for measuring, in a database of its own.

The command never writes to the database this process is configured with. It checks that the URL names
another database (creating it first on PostgreSQL if it is missing), then runs `migrate`, `load_demo` and
the bulk build (`demo.scale`) in child processes whose DATABASE_URL is that URL. Run again with the same
numbers, it finds everything in place and only adds what is missing."""

import os
import subprocess
import sys
import time
from pathlib import Path

import environ
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# Set by the outer command for the child that builds; the child refuses to build anywhere else.
TARGET_VARIABLE = "LOAD_SCALE_TARGET"


def database_name(config):
    return str(config.get("NAME") or "")


def same_database(a, b):
    def where(config):
        name = database_name(config)
        if config.get("ENGINE", "").endswith("sqlite3") and not name.startswith("file:") and name != ":memory:":
            name = str(Path(name).resolve())
        return (config.get("ENGINE"), name, config.get("HOST") or "", str(config.get("PORT") or ""))

    return where(a) == where(b)


def ensure_postgres_database(config):
    """Create the PostgreSQL database if it does not exist yet (connecting to the server's `postgres` db)."""
    import psycopg

    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')
            return True
    return False


class Command(BaseCommand):
    help = "Build a large site (thousands of articles, products and reviews) in a database of its own, to measure."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--products", type=int, default=500)
        parser.add_argument("--reviews", type=int, default=20_000)
        parser.add_argument(
            "--database-url",
            default="",
            help="The database to build in, e.g. postgres://postgres@127.0.0.1:5432/tcmtips_scale. It must not "
            "be the one this site is configured with.",
        )
        parser.add_argument("--build-here", action="store_true", help="Internal: the child process that builds.")

    def handle(self, *args, **options):
        counts = {name: options[name] for name in ("articles", "products", "reviews")}
        if any(n < 0 for n in counts.values()):
            raise CommandError("Counts cannot be negative.")
        if options["build_here"]:
            return self.build_here(counts)
        url = options["database_url"]
        if not url:
            raise CommandError(
                "load_scale builds a large site in a database of its own and never in the development one: "
                "give it one with --database-url, e.g. postgres://postgres@127.0.0.1:5432/tcmtips_scale"
            )
        target = environ.Env.db_url_config(url)
        development = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(Path(settings.BASE_DIR) / "db.sqlite3")}
        if same_database(target, settings.DATABASES["default"]) or same_database(target, development):
            raise CommandError(
                f"{database_name(target)!r} is the database this site runs on; load_scale only builds into "
                "a database of its own."
            )
        if target["ENGINE"].endswith("postgresql") and ensure_postgres_database(target):
            self.stdout.write(f"Created the PostgreSQL database {database_name(target)}.")
        self.stdout.write(f"Building the large site in {database_name(target)}.")
        env = {**os.environ, "DATABASE_URL": url, TARGET_VARIABLE: database_name(target)}
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        started = time.monotonic()
        verbosity = f"-v{options['verbosity']}"
        steps = [
            ["migrate", "--noinput", "-v0"],
            ["load_demo", verbosity],
            ["load_scale", "--build-here", verbosity, *[f"--{name}={n}" for name, n in counts.items()]],
        ]
        for step in steps:
            done = subprocess.run([*manage, *step], env=env, cwd=settings.BASE_DIR)
            if done.returncode:
                raise CommandError(f"`manage.py {' '.join(step)}` failed (exit {done.returncode}).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Large site ready in {database_name(target)} after {time.monotonic() - started:.0f}s: "
                f"{counts['articles']} generated articles, {counts['products']} products, "
                f"{counts['reviews']} reviews on top of the demo."
            )
        )

    def build_here(self, counts):
        from demo.scale import build

        name = database_name(settings.DATABASES["default"])
        if os.environ.get(TARGET_VARIABLE) != name:
            raise CommandError("--build-here is only for the process load_scale starts itself.")
        build(**counts, stream=sys.stderr, log=self.stdout.write)
