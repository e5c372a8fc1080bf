"""What backup and restore share: the PostgreSQL connection of the configured database, as libpq
environment variables (so no password ever appears in a process list)."""

import os

from django.conf import settings
from django.core.management.base import CommandError


def pg_environment(alias="default"):
    db = settings.DATABASES[alias]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise CommandError("Backups are made from PostgreSQL: set DATABASE_URL=postgres://… first.")
    env = dict(os.environ)
    for variable, key in [("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")]:
        if db.get(key):
            env[variable] = str(db[key])
    env["PGDATABASE"] = db["NAME"]
    return env


def media_archive_for(dump):
    """The media archive written beside a dump: tcmtips-<date>.dump and tcmtips-<date>-media.tar.gz."""
    return dump.with_name(dump.stem + "-media.tar.gz")
