"""Production settings hold no per-process state, and database errors are told apart: an outage is a 503,
a bug is a 500 that is logged."""

import logging
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import IntegrityError, InterfaceError, OperationalError

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "/articles/lower-back-pain-acupressure-points/"


def production_check(**env):
    full_env = {k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "ALLOW_LOCAL_CACHE")}
    full_env.update(
        SECRET_KEY="k" * 30 + "Zq8!xP2@vL5#nR7$wT1%yU4^",
        ALLOWED_HOSTS="tcmtips.example",
        DJANGO_SETTINGS_MODULE="tcmtips.settings.production",
        **env,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("cache_url", [None, "locmemcache://", "dummycache://"])
def test_production_refuses_a_cache_that_lives_in_one_process(cache_url):
    result = production_check(**({"CACHE_URL": cache_url} if cache_url else {}))
    assert result.returncode != 0
    assert "local-memory or dummy cache" in result.stderr
    assert "every process would keep its own page cache" in result.stderr
    assert "ALLOW_LOCAL_CACHE=true" in result.stderr


def test_production_accepts_a_local_cache_when_told_it_is_a_single_process():
    result = production_check(CACHE_URL="locmemcache://", ALLOW_LOCAL_CACHE="true")
    assert result.returncode == 0, result.stderr


def test_production_accepts_redis():
    result = production_check(CACHE_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("error", [OperationalError("connection refused"), InterfaceError("connection closed")])
def test_a_lost_database_connection_is_a_503_and_is_logged_with_its_traceback(client, demo, caplog, error):
    with mock.patch("articles.models.ArticlePage.get_context", side_effect=error):
        with caplog.at_level(logging.ERROR, logger="security.headers"):
            response = client.get(ARTICLE)
    assert response.status_code == 503
    assert b"Traceback" not in response.content
    [record] = [r for r in caplog.records if r.name == "security.headers"]
    assert "Database unavailable" in record.getMessage() and record.exc_info[1] is error


def test_any_other_database_error_is_a_logged_500_not_a_503(client, demo, caplog):
    client.raise_request_exception = False
    error = IntegrityError("duplicate key value violates unique constraint")
    with mock.patch("articles.models.ArticlePage.get_context", side_effect=error):
        with caplog.at_level(logging.ERROR, logger="django.request"):
            response = client.get(ARTICLE)
    assert response.status_code == 500
    assert b"duplicate key" not in response.content
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info[1] is error
