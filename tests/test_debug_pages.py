"""Under `make run` (DEBUG on) Django answers an error with its own technical page, styled inline: the
Content-Security-Policy lets those inline styles through for error answers while DEBUG is on, and never
when it is off; the site's pages keep the strict policy either way."""

import pytest
from django.test import Client, override_settings
from django.urls import include, path


def boom(request):
    raise RuntimeError("a bug in a view")


# A URLconf of the site's own plus one view that fails, for the 500 page.
urlpatterns = [path("boom/", boom), path("", include("tcmtips.urls"))]


def style_src(response):
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return policy["style-src"]


@override_settings(DEBUG=True)
def test_with_debug_on_the_technical_404_page_may_use_its_inline_styles(client, demo):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Using the URLconf" in response.content.decode() or "Page not found" in response.content.decode()
    assert "'unsafe-inline'" in style_src(response)


@override_settings(DEBUG=True)
@pytest.mark.urls("tests.test_debug_pages")
def test_with_debug_on_the_technical_500_page_may_use_its_inline_styles(demo):
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "a bug in a view" in response.content.decode()  # Django's technical page, with the traceback
    assert "'unsafe-inline'" in style_src(response)


@override_settings(DEBUG=False)
@pytest.mark.urls("tests.test_debug_pages")
def test_with_debug_off_error_pages_keep_the_strict_policy(client, demo):
    assert style_src(client.get("/no-such-page/")) == "'self'"
    assert style_src(Client(raise_request_exception=False).get("/boom/")) == "'self'"


@override_settings(DEBUG=True)
def test_with_debug_on_the_site_pages_keep_the_strict_policy(client, demo):
    response = client.get("/articles/lower-back-pain-acupressure-points/")
    assert response.status_code == 200
    assert "unsafe-inline" not in response["Content-Security-Policy"]
