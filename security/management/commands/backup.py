"""``manage.py backup`` (``make backup``): a PostgreSQL dump and an archive of the uploaded media, both
named with the date and time, e.g. backups/tcmtips-20270301-021500.dump and …-media.tar.gz."""

import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from ._pg import media_archive_for, pg_environment


class Command(BaseCommand):
    help = "Write a PostgreSQL dump and a media archive, dated, to --output-dir (default: backups/)."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default="backups")

    def handle(self, *args, output_dir, **options):
        env = pg_environment()
        folder = Path(output_dir)
        folder.mkdir(parents=True, exist_ok=True)
        dump = folder / f"tcmtips-{timezone.now():%Y%m%d-%H%M%S}.dump"
        # Custom format: compressed, and pg_restore can load it into any empty database.
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"], env=env, check=True
        )
        media = media_archive_for(dump)
        with tarfile.open(media, "w:gz") as archive:
            if Path(settings.MEDIA_ROOT).is_dir():
                archive.add(settings.MEDIA_ROOT, arcname="media")
        self.stdout.write(f"{dump}\n{media}\n")
