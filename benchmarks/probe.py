"""`make probe`: a bounded hostile probe of the running stack, or of any app server on loopback.

It sends PROBE_REQUESTS requests (50,000 by default, at most PROBE_SECONDS) from PROBE_THREADS threads:

- GETs of real and made-up addresses with fuzzed query strings, path segments, Host headers and the
  headers a client controls (cookies, X-Forwarded-*, Accept-*, Range, conditional headers);
- form posts a visitor can send (reviews, helpful votes, search, the logins, the password reset), with
  and without a valid CSRF token, in odd encodings and charsets;
- admin form posts as a signed-in editor: each page and snippet edit form is fetched, parsed, and posted
  back with fields replaced by bad rich text or StreamField JSON, bad numbers, long or NUL-laden strings,
  or left out. They are saved as drafts at most: the probe never publishes.

It counts the answers by status and prints every distinct 5xx (method, address, what was changed), then a
JSON summary line starting with ``RESULT``. The editor account and the addresses it edits are set up with
the target's own settings (PROBE_ENV, deploy/stack.env by default). Only loopback targets are accepted."""

import http.client
import ipaddress
import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = os.environ.get("PROBE_TARGET", "http://127.0.0.1:8080")
ENV_FILE = ROOT / os.environ.get("PROBE_ENV", "deploy/stack.env")
REQUESTS = int(os.environ.get("PROBE_REQUESTS", "50000"))
SECONDS = float(os.environ.get("PROBE_SECONDS", "900"))
THREADS = int(os.environ.get("PROBE_THREADS", "12"))
# Shares of the requests: admin posts (the slowest), visitor form posts, and GETs of fresh fuzzed addresses; the
# rest repeat one of POOL fuzzed addresses with fresh fuzzed headers, as a hostile client hammering does, so
# Varnish answers most of them and every app request costs the shared machine something.
ADMIN_SHARE = float(os.environ.get("PROBE_ADMIN_SHARE", "0.01"))
FORM_SHARE = float(os.environ.get("PROBE_FORM_SHARE", "0.10"))
FRESH_SHARE = float(os.environ.get("PROBE_FRESH_SHARE", "0.08"))
POOL = int(os.environ.get("PROBE_POOL", "1000"))
SEED = int(os.environ.get("PROBE_SEED", "25"))
EDITOR = "probe-editor"

PAGES = [
    "/", "/articles/", "/articles/lower-back-pain-acupressure-points/", "/points/", "/points/bl-40/",
    "/points/gb-41/", "/points/lu-1/", "/authors/", "/reviewers/", "/products/", "/products/facial-gua-sha-tool/",
    "/search/", "/search/suggest/", "/sitemap.xml", "/robots.txt", "/feed/", "/admin/login/", "/_util/login/",
    "/admin/password_reset/", "/no-such-page/", "/documents/1/x.pdf", "/media/x.jpg", "/static/css/site.css",
]  # fmt: skip
QUERY_NAMES = ["q", "page", "sort", "topic", "meridian", "region", "complaint", "voted", "next", "format",
               "utm_source", "fbclid", "category", "review", "x"]  # fmt: skip
NASTY = [
    "", "\x00", "a\x00b", "<script>alert(1)</script>", '"><svg onload=alert(1)>', "%", "%zz", "%ff%fe", "%c0%af",
    "-1", "0", "9" * 40, "1e308", "NaN", "inf", "-0", "0x10", "１２", "٣", "\u202e", "\xed\xa0\x80",
    "../../etc/passwd", "..%2f..%2f", "//evil.example", "/\\evil.example", "http://[", "javascript:alert(1)",
    "a" * 5000, "ü" * 300, "漢字" * 200, "'; DROP TABLE x; --", "${jndi:ldap://x}", "{{7*7}}", "\r\nSet-Cookie: x=1",
    "null", "[]", "{}", '{"a":', "true", " ", "\t", "+", "&", "=", "#", "?", "*", "LU-1", "bl40", "胃",
]  # fmt: skip
HOSTS = ["127.0.0.1:8080", "localhost", "evil.example", "127.0.0.1:99999", "", "x" * 300, "[::1]", "127.0.0.1:8080.",
         "localhost:0", "ﬀ.example", "a b", "127.0.0.1:8080, evil.example"]  # fmt: skip
CHARSETS = ["utf-8", "UTF-8", "utf8", "ascii", "latin-1", "iso-8859-1", "utf-16", "cp1252", "koi8-r", "nonsense", ""]
BAD_JSON = [
    "", "x", "null", "0", "-1", "[]", "{}", "[1]", '"text"', '{"blocks": 5}', '{"blocks": [{"text": 5}]}',
    '{"blocks": [], "entityMap": []}', '{"blocks": [{"key": "a", "type": "unstyled", "text": "x", "depth": -4, '
    '"inlineStyleRanges": [{"offset": 99, "length": 9, "style": "BOLD"}], "entityRanges": [{"offset": 0, '
    '"length": 1, "key": 7}]}], "entityMap": {}}', '[{"type": "no_such_block", "value": "x"}]',
    '[{"type": "paragraph", "value": {"x": 1}}]', '[{"type": null}]', '[{"value": 1}]', "[" * 2000,
    '{"a": ' * 500, "\x00", "\ud800", '"' + "a" * 20000 + '"',
]  # fmt: skip
POSTS = [
    "/products/facial-gua-sha-tool/reviews/", "/products/no-such-product/reviews/", "/products/reviews/1/helpful/",
    "/products/reviews/999999/helpful/", "/search/", "/search/suggest/", "/admin/login/", "/_util/login/",
    "/admin/password_reset/", "/_util/authenticate_with_password/1/3/", "/products/", "/",
]  # fmt: skip
FORM_NAMES = ["name", "email", "rating", "text", "website", "username", "password", "next", "q", "sort", "page"]


def loopback_only(url):
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        sys.exit(f"probe: cannot resolve {host!r}")
    if not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        sys.exit(f"probe: {url} is not on loopback; the probe only runs against this machine")


def target_env():
    env = dict(os.environ)
    for line in ENV_FILE.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            env[name] = value
    return env


SETUP = """
import json, secrets
import django
django.setup()
from django.contrib.auth.models import Group, User
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page
from products.models import Offer, Product, ProductReview
user, _ = User.objects.get_or_create(username=%(editor)r, defaults={"email": "probe-editor@example.com"})
password = secrets.token_urlsafe(24)
user.set_password(password)
user.is_active = True
user.save()
user.groups.add(Group.objects.get(name="Editors"))
finder = AdminURLFinder(user)
seen, urls = set(), []
for page in Page.objects.filter(depth__gte=2).specific().order_by("path"):
    if type(page) not in seen:
        seen.add(type(page))
        urls.append(finder.get_edit_url(page))
for model in (Product, ProductReview, Offer):
    obj = model.objects.order_by("pk").first()
    if obj is not None:
        urls.append(finder.get_edit_url(obj))
print(json.dumps({"password": password, "edit_urls": [u for u in urls if u]}))
"""


def set_up_editor():
    done = subprocess.run(
        [sys.executable, "-c", SETUP % {"editor": EDITOR}],
        cwd=ROOT, env=target_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    if done.returncode != 0:
        sys.exit("probe: setting up the editor failed:\n" + done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


class FormFields(HTMLParser):
    """The named fields of each form that posts; ``fields`` are those of the largest (the edit form)."""

    def __init__(self):
        super().__init__()
        self.forms, self.current, self.textarea = [], None, None

    @property
    def fields(self):
        return max(self.forms, key=len) if self.forms else []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.current = []
            self.forms.append(self.current)
        if self.current is None:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.current.append([a["name"], a.get("value") or ""])
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]
            self.current.append(self.textarea)
        elif tag == "select" and a.get("name"):
            self.current.append([a["name"], ""])
        elif tag == "option" and "selected" in a and self.current:
            self.current[-1][1] = a.get("value") or ""

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.current = None


def stream_fields(name="body"):
    """A StreamField as the admin's script posts it (the edit page builds these fields in the browser)."""
    fields = [[f"{name}-count", random.choice(["1", "1", "0", "-1", "99", "x"])]]
    fields += [
        [f"{name}-0-type", random.choice(["rich_text", "point_section", "tips", "quote", "image", "no_such", ""])],
        [f"{name}-0-value", random.choice(BAD_JSON + ["<p>text</p>", '{"blocks": [], "entityMap": {}}'])],
        [f"{name}-0-deleted", random.choice(["", "1"])],
        [f"{name}-0-order", random.choice(["0", "-5", "x"])],
        [f"{name}-0-id", random.choice(["", "x", "00000000-0000-0000-0000-000000000000"])],
    ]
    return fields


SAFE_PATH = re.compile(r"[^\x21-\x7e]")  # what a request line can't carry raw: sent percent-encoded


def _escape(match):
    return urllib.parse.quote(match.group(), safe="")


class Client:
    """One keep-alive connection to the target, remade when the server closes it."""

    def __init__(self):
        parts = urllib.parse.urlsplit(TARGET)
        self.host, self.port = parts.hostname, parts.port or 80
        self.conn = None

    def send(self, method, path, headers=None, body=None):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.conn.putrequest(method, SAFE_PATH.sub(_escape, path), skip_host=True, skip_accept_encoding=True)
                headers = dict(headers or {})
                headers.setdefault("Host", f"{self.host}:{self.port}")
                if body is not None:
                    headers["Content-Length"] = str(len(body))
                for name, value in headers.items():
                    self.conn.putheader(name, value.encode("latin-1", "replace") if isinstance(value, str) else value)
                self.conn.endheaders(body)
                response = self.conn.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                merged = {}
                for name, value in response.getheaders():
                    merged[name.lower()] = f"{merged[name.lower()]}, {value}" if name.lower() in merged else value
                return response.status, merged, data
            except (http.client.HTTPException, OSError, ValueError):
                self.close()
                if attempt == 2:
                    return 0, {}, b""
        return 0, {}, b""

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def quote(text):
    return urllib.parse.quote(text, safe="") if random.random() < 0.8 else text.replace(" ", "+")


def fuzz_query():
    pairs = [(random.choice(QUERY_NAMES), random.choice(NASTY)) for _ in range(random.randint(0, 4))]
    if random.random() < 0.1:
        pairs += [(random.choice(NASTY), random.choice(NASTY))]
    raw = "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs)
    if random.random() < 0.05:
        raw = random.choice(["%", "%%", "&&&", "=", "a=%zz", "a=%ff", ";;", "a=1;b=2"])
    return ("?" + raw) if raw else ""


def fuzz_path():
    path = random.choice(PAGES)
    roll = random.random()
    if roll < 0.15:
        path = path.rstrip("/") + "/" + quote(random.choice(NASTY)) + random.choice(["", "/"])
    elif roll < 0.2:
        path = random.choice(["//", "/./", "/../", "/%2e%2e/", "/%00/", "/admin/../", "/.env", "/wp-login.php",
                              "/products/" + quote(random.choice(NASTY)) + "/reviews/",
                              "/go/" + quote(random.choice(NASTY)) + "/", "/points/" + "x" * 3000 + "/"])  # fmt: skip
    return path + fuzz_query()


def fuzz_headers(headers):
    if random.random() < 0.15:
        headers["Host"] = random.choice(HOSTS)
    extra = {
        "Cookie": lambda: random.choice(
            [
                "sessionid=",
                "sessionid=" + "a" * 32,
                "sessionid=\x00",
                "csrftoken=abc",
                "csrftoken=" + "b" * 32,
                "theme=dark; sessionid=zz",
                "a" * 4000,
            ]
        ),  # fmt: skip
        "X-Forwarded-For": lambda: random.choice(["1.2.3.4", "::1", "x", "1.2.3.4, 127.0.0.1", "999.1.1.1", ""]),
        "X-Forwarded-Proto": lambda: random.choice(["https", "http", "gopher", ""]),
        "X-Forwarded-Host": lambda: random.choice(HOSTS),
        "Accept-Language": lambda: random.choice(["zh-Hant", "*", "xx-YY;q=2", "a" * 500, "en;q=nan"]),
        "Accept": lambda: random.choice(["application/json", "*/*", "text/html;q=0", "a/b/c"]),
        "Accept-Encoding": lambda: random.choice(["gzip", "br", "identity;q=0", "x"]),
        "Range": lambda: random.choice(["bytes=0-10", "bytes=-1", "bytes=9999999-", "bytes=x"]),
        "If-None-Match": lambda: random.choice(['"x"', "*", "W/"]),
        "If-Modified-Since": lambda: random.choice(["yesterday", "Mon, 01 Jan 2999 00:00:00 GMT"]),
        "Referer": lambda: random.choice(["http://127.0.0.1:8080//evil.example", "x", "https://evil.example/"]),
        "Origin": lambda: random.choice(["null", "http://127.0.0.1:8080", "https://evil.example", "http://["]),
        "User-Agent": lambda: random.choice(["", "Googlebot", "x" * 2000]),
    }
    for name in random.sample(sorted(extra), random.randint(0, 3)):
        headers[name] = extra[name]()
    return headers


def form_body(fields):
    """URL-encoded (in a random charset) or multipart."""
    if random.random() < 0.15:
        boundary = "----probe" + str(random.randint(0, 10**9))
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields] + [
            f"--{boundary}--\r\n"
        ]
        body = "".join(parts).encode("utf-8", "surrogatepass")
        return body, f"multipart/form-data; boundary={boundary}", "multipart"
    charset = random.choice(CHARSETS) if random.random() < 0.2 else "utf-8"
    body = urllib.parse.urlencode([tuple(f) for f in fields], encoding="utf-8", errors="surrogatepass").encode("ascii")
    content_type = "application/x-www-form-urlencoded" + (f"; charset={charset}" if charset else "")
    return body, content_type, f"charset={charset or 'none'}"


class Probe:
    def __init__(self, editor):
        self.status = Counter()
        self.kinds = Counter()
        self.errors = {}  # (method, path, note) -> status, for each distinct 5xx
        self.lock = threading.Lock()
        self.sent = 0
        self.hits = 0  # answered by Varnish from its cache (X-Cache: HIT): they never reached the app
        self.deadline = time.monotonic() + SECONDS
        self.editor = editor

    def take(self):
        with self.lock:
            if self.sent >= REQUESTS or time.monotonic() > self.deadline:
                return False
            self.sent += 1
            return True

    def record(self, kind, method, path, status, note="", headers=None):
        with self.lock:
            self.status[status] += 1
            self.kinds[kind] += 1
            if (headers or {}).get("x-cache") == "HIT":
                self.hits += 1
            if status >= 500 or status == 0:
                key = (kind, method, path[:160], note[:200])
                if key not in self.errors and len(self.errors) < 200:
                    self.errors[key] = status


def csrf_for(client, path="/admin/login/"):
    status, headers, body = client.send("GET", path)
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", ""))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not (cookie and token):
        return None, None
    return cookie.group(1), token.group(1).decode()


def sign_in(client, password):
    cookie, token = csrf_for(client)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": EDITOR, "password": password}).encode()
    status, headers, _ = client.send(
        "POST", "/admin/login/", {"Cookie": f"csrftoken={cookie}",
                                  "Content-Type": "application/x-www-form-urlencoded"}, body)  # fmt: skip
    session = re.search(r"sessionid=([^;]+)", headers.get("set-cookie", ""))
    csrf = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", ""))
    if status != 302 or not session:
        sys.exit(f"probe: the editor could not sign in (status {status})")
    return f"sessionid={session.group(1)}; csrftoken={csrf.group(1) if csrf else cookie}"


def mutate_admin_fields(fields):
    """Replace, drop or add a few fields of an admin form; returns the new fields and what was done."""
    fields = [list(f) for f in fields]
    notes = []
    for _ in range(random.randint(1, 3)):
        if not fields:
            break
        i = random.randrange(len(fields))
        name, value = fields[i]
        roll = random.random()
        looks_json = value.strip().startswith(("{", "["))
        if looks_json or roll < 0.35:
            fields[i][1] = random.choice(BAD_JSON)
            notes.append(f"{name}=badjson")
        elif roll < 0.55:
            fields[i][1] = random.choice(["-1", "9" * 30, "1e999", "NaN", "0x1", "", "١٢", "2.5", "-0"])
            notes.append(f"{name}=number")
        elif roll < 0.75:
            fields[i][1] = random.choice(NASTY)
            notes.append(f"{name}=nasty")
        elif roll < 0.85:
            fields[i][1] = "x" * random.choice([256, 5000, 200_000])
            notes.append(f"{name}=long")
        elif roll < 0.95:
            notes.append(f"{name}=dropped")
            fields.pop(i)
        else:
            fields.append([name, random.choice(NASTY)])
            notes.append(f"{name}=twice")
    return fields, ",".join(notes)


def worker(probe, n, forms, password):
    random.seed(SEED)
    pool = [fuzz_path() for _ in range(POOL)]  # the same in every thread
    random.seed(SEED * 1000 + n)
    client, admin = Client(), Client()
    cookie, token = csrf_for(client)
    session = sign_in(admin, password) if forms else None
    admin_csrf = re.search(r"csrftoken=([^;]+)", session or "")
    while probe.take():
        roll = random.random()
        if forms and roll < ADMIN_SHARE:
            url, fields = random.choice(forms)
            if "/pages/" in url and random.random() < 0.7:
                fields = fields + stream_fields()
            fields, note = mutate_admin_fields(fields)
            fields = [f for f in fields if f[0] != "csrfmiddlewaretoken"]
            fields.insert(0, ["csrfmiddlewaretoken", admin_csrf.group(1)])
            body, content_type, how = form_body(fields)
            status, _, _ = admin.send("POST", url, {"Cookie": session, "Content-Type": content_type,
                                                    "Origin": TARGET, "Referer": TARGET + url}, body)  # fmt: skip
            probe.record("admin-post", "POST", url, status, f"{note} {how}")
        elif roll < ADMIN_SHARE + FORM_SHARE:
            path = random.choice(POSTS) + (fuzz_query() if random.random() < 0.2 else "")
            fields = [(random.choice(FORM_NAMES), random.choice(NASTY)) for _ in range(random.randint(0, 6))]
            if random.random() < 0.7 and token:
                fields.insert(0, ("csrfmiddlewaretoken", token))
            body, content_type, how = form_body(fields)
            headers = {"Content-Type": content_type, "Origin": TARGET}
            if random.random() < 0.8 and cookie:
                headers["Cookie"] = f"csrftoken={cookie}"
            if random.random() < 0.3:
                headers["Accept"] = "application/json"
            if random.random() < 0.3:
                fuzz_headers(headers)
            status, _, _ = client.send("POST", path, headers, body)
            probe.record("form-post", "POST", path, status, f"{how} {headers.get('Host', '')}")
        elif roll < ADMIN_SHARE + FORM_SHARE + FRESH_SHARE:
            path = fuzz_path()
            method = random.choice(["GET"] * 12 + ["HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"])
            headers = fuzz_headers({})
            status, response_headers, _ = client.send(method, path, headers)
            probe.record("get", method, path, status, json.dumps(headers)[:200], response_headers)
        else:
            path = random.choice(pool)
            headers = {k: v for k, v in fuzz_headers({}).items() if k not in ("Cookie", "Range")}
            status, response_headers, _ = client.send("GET", path, headers)
            probe.record("get-repeat", "GET", path, status, json.dumps(headers)[:200], response_headers)
    client.close()
    admin.close()


def admin_forms(edit_urls, password):
    client = Client()
    session = sign_in(client, password)
    forms = []
    for url in edit_urls:
        status, _, body = client.send("GET", url, {"Cookie": session})
        if status == 200:
            parser = FormFields()
            parser.feed(body.decode("utf-8", "replace"))
            if parser.fields:
                forms.append((url, parser.fields))
    client.close()
    return forms


def main():
    loopback_only(TARGET)
    setup = set_up_editor()
    forms = admin_forms(setup["edit_urls"], setup["password"])
    print(f"probe: {TARGET}, {REQUESTS} requests at most, {SECONDS:.0f} s at most, {THREADS} threads; "
          f"{len(forms)} admin edit forms: {', '.join(u for u, _ in forms)}", flush=True)  # fmt: skip
    probe = Probe(EDITOR)
    started = time.monotonic()
    threads = [
        threading.Thread(target=worker, args=(probe, n, forms, setup["password"]), daemon=True) for n in range(THREADS)
    ]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        threads[0].join(timeout=30)
        print(f"probe: {probe.sent} sent, {time.monotonic() - started:.0f} s", flush=True)
    seconds = time.monotonic() - started
    for (kind, method, path, note), status in sorted(probe.errors.items(), key=lambda e: e[0]):
        print(f"  {status} {kind} {method} {path!r} {note}")
    five = sum(n for s, n in probe.status.items() if s >= 500)
    result = {
        "target": TARGET,
        "requests": sum(probe.status.values()),
        "seconds": round(seconds, 1),
        "by_kind": dict(probe.kinds),
        "status": {str(s): n for s, n in sorted(probe.status.items())},
        "varnish_hits": probe.hits,
        "reached_the_app_or_nginx": sum(probe.status.values()) - probe.hits,
        "5xx": five,
        "no_answer": probe.status.get(0, 0),
    }
    print("RESULT " + json.dumps(result), flush=True)
    return 1 if five or probe.status.get(0, 0) else 0


if __name__ == "__main__":
    sys.exit(main())
