"""The demo content, the site's URLs and its behaviour on bad input."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def counts():
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"tcmtips", "articles", "authors", "products", "wagtailcore", "wagtailimages"}
        and m._meta.model_name not in {"modellogentry", "pagelogentry"}
    }


def test_load_demo_twice_leaves_the_same_counts(demo):
    before = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == before


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/articles/",
        "/articles/lower-back-pain-acupressure-points/",
        "/points/",
        "/points/bl-40/",
        "/points/gb-41/",
        "/points/bl-23/",
        "/points/bl-25/",
        "/points/pc-8/",
        "/authors/",
        "/authors/p-sze/",
        "/reviewers/",
        "/reviewers/mai-sogawa/",
        "/products/facial-gua-sha-tool/",
    ],
)
def test_every_demo_url_answers(client, demo, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/nope/",
        "/articles/no-such-article/",
        "/products/nothing/",
        "/go/nothing/",
        "/points/xx-99/",
        "/authors/nobody/",
    ],
)
def test_unknown_urls_give_404(client, demo, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("query", ["page=abc", "page=99999", "page=-1", "page=" + "9" * 500, "topic=" + "x" * 5000])
def test_bad_query_strings_never_500(client, demo, query):
    assert client.get(f"/articles/?{query}").status_code in (200, 404)


def test_a_missing_point_code_suggests_the_search(client, demo):
    response = client.get("/points/st-99/")
    assert response.status_code == 404
    assert b"/search/?q=" in response.content


def run_production_check(env):
    full_env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    # A shared cache, as production requires (it refuses a local-memory one).
    full_env.update(CACHE_URL="redis://127.0.0.1:6379/0")
    full_env.update(env, DJANGO_SETTINGS_MODULE="tcmtips.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_production_check({"ALLOWED_HOSTS": "tcmtips.example"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "ALLOWED_HOSTS" not in result.stderr.split("not set:")[-1]


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_production_check({"SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr.split("not set:")[-1]


def test_production_deploy_check_is_clean():
    env = {"SECRET_KEY": "k" * 30 + "Zq8!xP2@vL5#nR7$wT1%yU4^", "ALLOWED_HOSTS": "tcmtips.example"}
    full_env = {
        **os.environ,
        "CACHE_URL": "redis://127.0.0.1:6379/0",
        **env,
        "DJANGO_SETTINGS_MODULE": "tcmtips.settings.production",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_public_pages_send_a_strict_content_security_policy(client, demo):
    response = client.get("/articles/lower-back-pain-acupressure-points/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_robots_names_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(client, demo):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body and "Disallow: /search/" in body
    assert "Sitemap: http://localhost/sitemap.xml" in body  # the site's own address, whatever the Host


@pytest.mark.parametrize(
    "url",
    [
        "/articles/?topic=%00",
        "/points/?complaint=%00",
        "/points/?meridian=%00",
        "/points/?region=%00",
        "/search/?q=bl%0040",
        "/search/?q=%00&page=%00",
        "/products/facial-gua-sha-tool/?page=%00",
        "/go/%00/",
        "/points/%00/",
        "/articles/?page=1e9",
        "/feed/?page=abc",
    ],
)
def test_nul_bytes_and_junk_in_urls_are_a_4xx_or_a_page_never_a_500(client, demo, url):
    assert client.get(url).status_code < 500


def test_the_home_page_offers_points_by_complaint_and_article_teasers_start_with_a_sentence(client, demo):
    html = client.get("/").content.decode()
    assert 'href="/points/?complaint=lower-back-pain">Lower back pain</a>' in html
    assert "<p>An aching lower back makes it hard to stay active" in html
