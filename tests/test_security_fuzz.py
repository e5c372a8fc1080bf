"""No hostile request reaches a 5xx, and none gets its markup reflected raw.

Hypothesis generates requests to every public URL pattern: paths (real pages, plus made-up and malformed
segments), query strings (the parameters pages read and unknown ones), the headers an attacker controls
(Host, Origin, Referer, X-Forwarded-*, Cookie, User-Agent) and form bodies for every form a visitor can
post, in any charset a client may name, with and without a well-formed CSRF cookie. Every response must
be below 500, and a marker tag put anywhere in the request must never come back
unescaped in an HTML page. The number of examples is fixed so the test fits in ``make test`` (well under a
minute); it runs on SQLite and, in CI's second run, on PostgreSQL + Redis.
"""

import re

import pytest
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from products.models import Offer

MARK = "<fz-mark>"
EXAMPLES = 180  # per test; four tests, about 720 requests in all

PAGES = [
    "/",
    "/articles/",
    "/articles/lower-back-pain-acupressure-points/",
    "/points/",
    "/points/bl-40/",
    "/points/gb-41/",
    "/authors/",
    "/authors/p-sze/",
    "/reviewers/",
    "/reviewers/mai-sogawa/",
    "/products/facial-gua-sha-tool/",
    "/search/",
    "/search/suggest/",
    "/products/",
    "/sitemap.xml",
    "/robots.txt",
    "/feed/",
    "/documents/1/x.pdf",
    "/admin/login/",
    "/_util/login/",
    "/admin/password_reset/",
    "/no-such-page/",
]
POST_TARGETS = [
    "/products/facial-gua-sha-tool/reviews/",  # the one public form: twice as likely
    "/products/facial-gua-sha-tool/reviews/",
    "/products/no-such-product/reviews/",
    "/products/reviews/1/helpful/",
    "/admin/login/",
    "/_util/login/",
    "/admin/password_reset/",
    "/_util/authenticate_with_password/1/3/",
    "/search/",
    "/search/suggest/",
    "/products/",
]
QUERY_NAMES = ["q", "page", "topic", "meridian", "region", "complaint", "review", "next", "utm_source", "format"]
FORM_NAMES = ["name", "email", "rating", "text", "website", "username", "password", "return_url", "next"]

NASTY = st.sampled_from(
    [
        "",
        "\x00",
        "abc\x00def",
        MARK,
        f'"{MARK}',
        f"'><{MARK[1:]}",
        "%00",
        "%",
        "%zz",
        "[",
        "http://[",
        "https://[zz]/",
        "-1",
        "0",
        "9" * 30,
        "1e9",
        "abc",
        "../../etc/passwd",
        "x" * 5000,
        "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
        "é漢字",
        "null",
        "javascript:alert(1)",
    ]
)
# Half the time a known troublemaker (NUL bytes, broken URLs, markup), half the time anything at all.
nasty_text = st.one_of(NASTY, st.text(max_size=40), st.builds(lambda a, b: a + b, st.text(max_size=8), NASTY))
path_segment = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="/?#"), max_size=20),
    st.sampled_from(["%00", MARK, "..", "%", "bl40", "BL-40"]),
)
header_values = st.one_of(
    nasty_text,
    st.sampled_from(["testserver", "localhost", "127.0.0.1", "evil.example", "testserver:80", "[::1]", "a" * 300]),
)


def url_for(base, extra_segment, query):
    from urllib.parse import quote, urlencode

    path = base
    if extra_segment is not None:
        path = base.rstrip("/") + "/" + quote(extra_segment, safe="%") + "/"
    if query:
        path += "?" + urlencode(query, doseq=True)
    return path


# The headers most likely to break something get their own troublemakers on top of the general ones.
url_like = st.one_of(
    st.sampled_from(["http://[", "https://[zz]/", "http://testserver", "https://testserver/x", "//", "http://"]),
    nasty_text,
)
session_key = st.one_of(st.sampled_from(["0123456789abcdef\x00", "a" * 32, "A" * 40 + "\x00", "%00" * 4]), nasty_text)
headers_strategy = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_HOST": header_values,
        "HTTP_ORIGIN": url_like,
        "HTTP_REFERER": url_like,
        "HTTP_X_FORWARDED_FOR": header_values,
        "HTTP_X_FORWARDED_PROTO": header_values,
        "HTTP_X_FORWARDED_HOST": header_values,
        "HTTP_USER_AGENT": header_values,
        "HTTP_ACCEPT_LANGUAGE": header_values,
        "HTTP_COOKIE": st.builds(
            lambda s, c, o: f"sessionid={s}; csrftoken={c}; {o}", session_key, nasty_text, nasty_text
        ),
    },
)


class Tally:
    requests = 0
    server_errors = []


def check(client, method, url, headers, data=None):
    # Headers can't carry characters outside latin-1 on the wire; keep them the way a server would see them.
    headers = {k: v.encode("utf-8", "replace").decode("latin-1") for k, v in headers.items()}
    try:
        response = (
            getattr(client, method)(url, data=data, **headers)
            if data is not None
            else getattr(client, method)(url, **headers)
        )
    finally:
        Tally.requests += 1
    if response.status_code >= 500:
        Tally.server_errors.append((method, url, headers, response.status_code))
    assert response.status_code < 500, (method, url, headers, data, response.status_code)
    content_type = response.get("Content-Type", "")
    if "html" in content_type and not getattr(response, "streaming", False):
        assert MARK.encode() not in response.content, (method, url, headers, data)


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture
def fuzz_client(demo):
    return Client(raise_request_exception=False)


@FUZZ
@given(
    base=st.sampled_from(PAGES),
    extra=st.one_of(st.none(), path_segment),
    query=st.dictionaries(st.one_of(st.sampled_from(QUERY_NAMES), nasty_text), nasty_text, max_size=3),
    method=st.sampled_from(["get", "get", "get", "head"]),
)
def test_pages_and_query_strings(fuzz_client, base, extra, query, method):
    check(fuzz_client, method, url_for(base, extra, query), {})


@FUZZ
@given(
    base=st.sampled_from(PAGES + ["/go/{offer}/"]),
    query=st.dictionaries(st.sampled_from(QUERY_NAMES), nasty_text, max_size=2),
    headers=headers_strategy,
)
def test_hostile_headers(fuzz_client, base, query, headers):
    offer = Offer.objects.values_list("slug", flat=True).first()
    check(fuzz_client, "get", url_for(base.format(offer=offer), None, query), headers)


@FUZZ
@given(
    target=st.sampled_from(POST_TARGETS),
    form=st.dictionaries(st.one_of(st.sampled_from(FORM_NAMES), nasty_text), nasty_text, max_size=6),
    headers=headers_strategy,
)
def test_form_posts(fuzz_client, target, form, headers):
    check(fuzz_client, "post", target, headers, data=form)


# Form bodies that name a charset. Django reads only UTF-8 URL-encoded bodies; Python knows codecs that are
# no text encoding at all; a browser's CSRF check reads the body before any view does.
charsets = st.one_of(
    st.sampled_from(
        ["latin-1", "iso-8859-1", "cp1252", "utf-16", "utf-32", "utf8", "UTF-8", "base64", "rot13", "zlib", "hex"]
        + ["idna", "punycode", "uu", "cp037", "bogus", "", '"utf-8"', "utf-8\x00"]
    ),
    nasty_text,
)
form_content_types = st.sampled_from(["application/x-www-form-urlencoded", "multipart/form-data; boundary=fz"])
csrf_cookie = st.one_of(
    st.just("csrftoken=" + "a" * 32),
    st.just("csrftoken=" + "Ab1" * 21 + "z"),
    st.builds(lambda c: f"csrftoken={c}", nasty_text),
    st.just(""),
)


def form_body(content_type, form):
    if content_type.startswith("multipart"):
        parts = [f'--fz\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in form.items()]
        return ("".join(parts) + "--fz--\r\n").encode("utf-8", "replace")
    from urllib.parse import urlencode

    return urlencode(form).encode("latin-1", "replace")


@pytest.fixture
def csrf_client(demo):
    """A client whose posts go through the CSRF check, as a browser's do."""
    return Client(raise_request_exception=False, enforce_csrf_checks=True)


@FUZZ
@given(
    target=st.sampled_from(POST_TARGETS + PAGES),
    content_type=form_content_types,
    charset=charsets,
    cookie=csrf_cookie,
    form=st.dictionaries(st.sampled_from(FORM_NAMES + ["csrfmiddlewaretoken"]), nasty_text, max_size=4),
)
def test_form_posts_in_any_charset(csrf_client, target, content_type, charset, cookie, form):
    header = f"{content_type}; charset={charset}".encode("utf-8", "replace").decode("latin-1")
    # The app server refuses control characters in a header before Django sees the request (gunicorn
    # answers 400), and Django's request object can't be built with a NUL in the charset.
    header = re.sub(r"[\x00-\x08\x0a-\x1f\x7f]", "", header)
    cookie = cookie.encode("utf-8", "replace").decode("latin-1")
    try:
        response = csrf_client.generic(
            "POST", target, form_body(content_type, form), content_type=header, HTTP_COOKIE=cookie
        )
    finally:
        Tally.requests += 1
    if response.status_code >= 500:
        Tally.server_errors.append(("post", target, header, response.status_code))
    assert response.status_code < 500, (target, header, cookie, form, response.status_code)


def test_a_form_in_latin_1_with_a_csrf_cookie_is_a_400_on_every_url(csrf_client):
    cookie = "csrftoken=" + "a" * 32
    for url in ["/", "/points/", "/no-such-page/", "/admin/login/", "/search/"]:
        for charset in ("latin-1", "utf-16", "cp1252"):
            response = csrf_client.generic(
                "POST",
                url,
                "name=%E9",
                content_type=f"application/x-www-form-urlencoded; charset={charset}",
                HTTP_COOKIE=cookie,
            )
            assert response.status_code == 400, (url, charset)


def test_a_multipart_form_in_a_codec_that_is_no_text_encoding_is_a_400(csrf_client):
    body = b'--fz\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--fz--\r\n'
    for charset in ("base64", "rot13", "punycode"):
        response = csrf_client.generic(
            "POST",
            "/admin/login/",
            body,
            content_type=f"multipart/form-data; boundary=fz; charset={charset}",
            HTTP_COOKIE="csrftoken=" + "a" * 32,
        )
        assert response.status_code == 400, charset


def test_a_form_in_utf_8_under_any_of_its_names_is_read_as_utf_8(csrf_client):
    # "utf8" is UTF-8 to Python but not to Django's check of URL-encoded bodies: it is read as UTF-8.
    for charset in ("utf8", "UTF_8", "UTF-8"):
        response = csrf_client.generic(
            "POST",
            "/admin/login/",
            "username=%C3%A9",
            content_type=f"application/x-www-form-urlencoded; charset={charset}",
            HTTP_COOKIE="csrftoken=" + "a" * 32,
        )
        assert response.status_code == 403, charset  # the CSRF check, not a 400 or 500


# The three causes the hostile probe found, each pinned by name (the fuzz above finds them too when the
# fixes are taken out).
def test_a_nul_byte_in_the_session_cookie_never_reaches_the_database(fuzz_client):
    for cookie in ("sessionid=0123456789abcdef\x00", "sessionid=" + "a" * 31 + "\x00"):
        assert fuzz_client.get("/points/", HTTP_COOKIE=cookie).status_code == 200
        assert fuzz_client.get("/no-such-page/", HTTP_COOKIE=cookie).status_code == 404


def test_a_malformed_origin_or_referer_on_a_review_is_a_403(fuzz_client):
    post = "/products/facial-gua-sha-tool/reviews/"
    form = {"name": "Wen", "email": "wen@example.com", "rating": "5", "text": "Works well."}
    for header in ({"HTTP_ORIGIN": "http://["}, {"HTTP_REFERER": "https://[zz]/"}):
        assert fuzz_client.post(post, form, **header).status_code == 403


def test_a_nul_byte_in_the_path_is_a_400_and_in_the_query_it_is_dropped(fuzz_client):
    assert fuzz_client.get("/articles/%00/").status_code == 400
    assert fuzz_client.get("/points/?meridian=%00").status_code == 200
    assert fuzz_client.get("/articles/?topic=lower-back%00pain&page=%00").status_code in (200, 404)
    assert fuzz_client.get("/", HTTP_USER_AGENT="x\x00y").status_code == 400


def test_zz_report_the_fuzz_run(capsys):
    """Prints how many requests the three tests above sent and how many 5xx they met (always 0 when green)."""
    with capsys.disabled():
        print(f"\nfuzz on {connection.vendor}: {Tally.requests} requests, {len(Tally.server_errors)} 5xx")
    assert not Tally.server_errors
