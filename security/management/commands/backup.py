"""``manage.py backup`` (``make backup``): a PostgreSQL dump and an archive of the uploaded media, both
named with the date and time, e.g. backups/tcmtips-20270301-021500.dump and …-media.tar.gz.

A backup holds everything the database does, so only its owner may read it: the files are written 0600
in a folder made 0700. Two things are left out because they are worth nothing after a restore and harmful
in a stolen dump: the sessions (a live session key opens the admin as its editor, so a restore starts with
everyone signed out) and django-axes' log of failed sign-ins (names people typed, and client addresses)."""

import os
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from ._pg import media_archive_for, pg_environment

# Tables whose rows are never written to a backup; the tables themselves are, empty.
LEFT_OUT = ["django_session", "axes_*"]


class Command(BaseCommand):
    help = "Write a PostgreSQL dump and a media archive, dated, to --output-dir (default: backups/)."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default="backups")

    def handle(self, *args, output_dir, **options):
        env = pg_environment()
        folder = Path(output_dir)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)  # also when it was there already: the folder is for backups only
        dump = folder / f"tcmtips-{timezone.now():%Y%m%d-%H%M%S}.dump"
        media = media_archive_for(dump)
        previous = os.umask(0o077)  # pg_dump and the archive create their files 0600 from the start
        try:
            # Custom format: compressed, and pg_restore can load it into any empty database.
            subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"]
                + [f"--exclude-table-data={table}" for table in LEFT_OUT],
                env=env,
                check=True,
            )
            with tarfile.open(media, "w:gz") as archive:
                if Path(settings.MEDIA_ROOT).is_dir():
                    archive.add(settings.MEDIA_ROOT, arcname="media")
        finally:
            os.umask(previous)
        for path in (dump, media):
            path.chmod(0o600)
        self.stdout.write(f"{dump}\n{media}\n")
