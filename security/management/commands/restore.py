"""``manage.py restore FILE`` (``make restore FILE=…``): load a dump made by ``backup`` into the configured
database, which must be empty, and unpack the media archive beside it into MEDIA_ROOT."""

import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ._pg import media_archive_for, pg_environment


class Command(BaseCommand):
    help = "Restore a backup (the .dump file; its -media.tar.gz beside it) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        env = pg_environment()
        dump = Path(file)
        media = media_archive_for(dump)
        for path in (dump, media):
            if not path.is_file():
                raise CommandError(f"{path} is missing: a backup is the .dump and its -media.tar.gz side by side.")
        if connection.introspection.table_names():
            raise CommandError(
                f"Database {settings.DATABASES['default']['NAME']!r} is not empty. Restore only into an empty "
                "database (createdb a new one and point DATABASE_URL at it), so nothing is overwritten."
            )
        connection.close()
        subprocess.run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={env['PGDATABASE']}", dump],
            env=env,
            check=True,
        )
        target = Path(settings.MEDIA_ROOT)
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(media, "r:gz") as archive:
            members = [m for m in archive.getmembers() if m.name == "media" or m.name.startswith("media/")]
            for member in members:
                member.name = member.name[len("media/") :] if member.name != "media" else "."
            # The "data" filter refuses absolute paths, links out of the folder and device files.
            archive.extractall(target, members=members, filter="data")
        self.stdout.write(f"Restored {dump} and {media} into {env['PGDATABASE']} and {target}.\n")
