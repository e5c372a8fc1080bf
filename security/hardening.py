"""Hostile input stops at the door with a 4xx, before it reaches a view or the database.

- A NUL character is never part of a real URL or header, and PostgreSQL refuses it in text: such a
  request gets 400 instead of a DataError deep in some query. In a query string it is dropped, so each
  page treats ``?page=%00`` like an empty parameter, as it would treat any other junk.
- A cookie with a NUL in it is dropped, and so is a session cookie that can't be one of ours (Django's
  keys are 32 lowercase letters and digits), so neither is ever looked up; the request goes on as a
  reader's without a session.
"""

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
        if (
            "\x00" in request.path_info
            or any(
                "\x00" in value
                for key, value in meta.items()
                if key.startswith("HTTP_") and key != "HTTP_COOKIE" and isinstance(value, str)
            )
        ):
            return HttpResponseBadRequest("Bad request.", content_type="text/plain")
        cookies = request.COOKIES
        for name in [name for name, value in cookies.items() if "\x00" in name or "\x00" in value]:
            del cookies[name]
        session_key = cookies.get(settings.SESSION_COOKIE_NAME)
        if session_key is not None and not SESSION_KEY.fullmatch(session_key):
            del cookies[settings.SESSION_COOKIE_NAME]
        return self.get_response(request)
