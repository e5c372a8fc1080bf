"""Hostile input stops at the door with a 4xx, before it reaches a view or the database.

- A NUL character is never part of a real URL or header, and PostgreSQL refuses it in text: such a
  request gets 400 instead of a DataError deep in some query. In a query string it is dropped, so each
  page treats ``?page=%00`` like an empty parameter, as it would treat any other junk.
- A cookie with a NUL in it is dropped, and so is a session cookie that can't be one of ours (Django's
  keys are 32 lowercase letters and digits), so neither is ever looked up; the request goes on as a
  reader's without a session.
"""

import codecs
import re
from urllib.parse import parse_qsl, unquote_to_bytes, urlencode

from django.conf import settings
from django.http import HttpResponseBadRequest

SESSION_KEY = re.compile(r"[a-z0-9]{8,40}")


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        query = meta.get("QUERY_STRING", "")
        if b"\x00" in unquote_to_bytes(query):
            # Forms and pages treat a NUL in a parameter as if it weren't typed (?q=%00 is an empty search).
            pairs = parse_qsl(query, keep_blank_values=True)
            meta["QUERY_STRING"] = urlencode([(k.replace("\x00", ""), v.replace("\x00", "")) for k, v in pairs])
        if "\x00" in request.path_info or any(
            "\x00" in value
            for key, value in meta.items()
            if key.startswith("HTTP_") and key != "HTTP_COOKIE" and isinstance(value, str)
        ):
            return HttpResponseBadRequest("Bad request.", content_type="text/plain")
        cookies = request.COOKIES
        for name in [name for name, value in cookies.items() if "\x00" in name or "\x00" in value]:
            del cookies[name]
        session_key = cookies.get(settings.SESSION_COOKIE_NAME)
        if session_key is not None and not SESSION_KEY.fullmatch(session_key):
            del cookies[settings.SESSION_COOKIE_NAME]
        return self.get_response(request)


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class FormCharsetMiddleware:
    """A form body in any charset but UTF-8 gets 400 before anything reads it.

    Every page is served as UTF-8, so a browser posts its forms in UTF-8, and Django refuses other
    charsets for URL-encoded bodies anyway. Left alone, that refusal would come from the CSRF check and
    then again from the error page, which checks the token as well: a 500. Python also knows codecs
    that are no text encoding at all (``base64``, ``rot13``, ``zlib``), which break multipart parsing.
    So only UTF-8 is accepted, under any of Python's names for it (``utf8``, ``UTF_8``), and the body is
    then read as plain ``utf-8``; any other charset, known to Python or not, is a 400.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        charset = request.content_params.get("charset") if request.content_type in FORM_TYPES else None
        if charset is not None:
            if not is_utf8(charset):
                return HttpResponseBadRequest("Forms are accepted in UTF-8 only.", content_type="text/plain")
            request.encoding = "utf-8"
        return self.get_response(request)


def is_utf8(charset):
    try:
        return codecs.lookup(charset).name == "utf-8"
    except (LookupError, ValueError):
        return False
