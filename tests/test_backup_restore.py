"""Nothing is lost: ``make backup`` then ``make restore`` into a new, empty database gives back the same
pages, points, reviews and clicks, and the same media files (PostgreSQL only)."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

COUNTS = {
    "pages": "SELECT count(*) FROM wagtailcore_page",
    "live pages": "SELECT count(*) FROM wagtailcore_page WHERE live",
    "points": "SELECT count(*) FROM articles_acupointpage",
    "reviews": "SELECT count(*) FROM products_productreview",
    "clicks": "SELECT count(*) FROM products_outboundclick",
    "images": "SELECT count(*) FROM wagtailimages_image",
}


def counts(cursor):
    result = {}
    for name, sql in COUNTS.items():
        cursor.execute(sql)
        result[name] = cursor.fetchone()[0]
    return result


@pytest.fixture
def demo_committed(request, django_db_blocker):
    """The session's demo site, committed (set up by pytest-django and conftest before any test's transaction)."""
    request.getfixturevalue("django_db_setup")


@pytest.fixture
def committed_review_and_click(demo_committed, django_db_blocker):
    """pg_dump sees only committed rows, so these are written outside the tests' rolled-back transaction."""
    from products.models import Offer, OutboundClick, Product, ProductReview

    with django_db_blocker.unblock():
        product = Product.objects.get(slug="facial-gua-sha-tool")
        review = ProductReview.objects.create(
            product=product, name="Backup", email="b@example.com", rating=4, text="Still here after a restore."
        )
        click = OutboundClick.objects.create(offer=Offer.objects.filter(product=product).first(), source_path="/")
        yield
        click.delete()
        review.delete()


@pytest.mark.postgres
def test_backup_restores_into_a_new_database_with_the_same_content(
    tmp_path, django_db_blocker, committed_review_and_click, db
):
    if connection.vendor != "postgresql":
        pytest.skip("backups are PostgreSQL dumps")
    source = settings.DATABASES["default"]
    target_name = f"{source['NAME']}_restored"
    admin_url = f"postgresql://{source['USER']}@{source['HOST'] or '127.0.0.1'}:{source['PORT'] or 5432}/postgres"

    with django_db_blocker.unblock():
        call_command("backup", output_dir=str(tmp_path), stdout=open(os.devnull, "w"))
        with connection.cursor() as cursor:
            before = counts(cursor)
    dumps = list(tmp_path.glob("tcmtips-*.dump"))
    assert len(dumps) == 1 and (tmp_path / (dumps[0].stem + "-media.tar.gz")).is_file()
    assert before["reviews"] >= 1 and before["clicks"] >= 1 and before["points"] > 300

    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target_name}"')
        admin.execute(f'CREATE DATABASE "{target_name}"')
    media = tmp_path / "restored-media"
    try:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tcmtips.settings.test",
            "DATABASE_URL": admin_url.replace("postgresql://", "postgres://").rsplit("/", 1)[0] + f"/{target_name}",
            "MEDIA_ROOT": str(media),
        }
        subprocess.run(
            [sys.executable, "manage.py", "restore", str(dumps[0])],
            env=env,
            cwd=Path(settings.BASE_DIR),
            check=True,
            capture_output=True,
            timeout=300,
        )
        with psycopg.connect(admin_url.rsplit("/", 1)[0] + f"/{target_name}") as restored:
            after = counts(restored.cursor())
        assert after == before

        # Every image file the restored database names came back, originals and renditions alike.
        with psycopg.connect(admin_url.rsplit("/", 1)[0] + f"/{target_name}") as restored:
            files = [row[0] for row in restored.execute("SELECT file FROM wagtailimages_image")]
            files += [row[0] for row in restored.execute("SELECT file FROM wagtailimages_rendition")]
        assert files and all((media / name).is_file() for name in files)

        # Restoring on top of a database that has content is refused.
        again = subprocess.run(
            [sys.executable, "manage.py", "restore", str(dumps[0])],
            env=env,
            cwd=Path(settings.BASE_DIR),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert again.returncode != 0 and "is not empty" in again.stderr
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target_name}" WITH (FORCE)')


@pytest.fixture
def committed_session_and_failed_login(demo_committed, django_db_blocker):
    """A live session and a failed sign-in, committed so that pg_dump would see them."""
    from axes.models import AccessAttempt
    from django.contrib.sessions.backends.db import SessionStore

    with django_db_blocker.unblock():
        session = SessionStore()
        session["_auth_user_id"] = "1"
        session.create()
        attempt = AccessAttempt.objects.create(
            username="editor", ip_address="198.51.100.4", user_agent="x", failures_since_start=3
        )
        yield
        attempt.delete()
        session.delete()


@pytest.mark.postgres
def test_a_backup_is_for_its_owner_only_and_holds_no_sessions_or_failed_logins(
    tmp_path, django_db_blocker, committed_session_and_failed_login, db
):
    if connection.vendor != "postgresql":
        pytest.skip("backups are PostgreSQL dumps")
    folder = tmp_path / "backups"
    with django_db_blocker.unblock():
        call_command("backup", output_dir=str(folder), stdout=open(os.devnull, "w"))
    assert folder.stat().st_mode & 0o777 == 0o700
    files = list(folder.iterdir())
    assert len(files) == 2 and all(path.stat().st_mode & 0o777 == 0o600 for path in files)

    dump = next(path for path in files if path.suffix == ".dump")
    contents = subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True, text=True, check=True).stdout
    data = [line for line in contents.splitlines() if "TABLE DATA" in line]
    assert any(" wagtailcore_page " in line for line in data)  # the content is there
    assert not any(" django_session " in line or " axes_" in line for line in data)
    assert any(
        line.endswith("TABLE public django_session postgres") or " TABLE public django_session " in line
        for line in contents.splitlines()
    )  # the empty table is, so a restore has somewhere to sign in
