"""Hostile input stops at the door with a 4xx, before it reaches a view or the database.

- A NUL character is never part of a real URL, query string or header, and PostgreSQL refuses it in
  text: such a request gets 400 instead of a DataError deep in some query.
- A cookie with a NUL in it is dropped, and so is a session cookie that can't be one of ours (Django's
  keys are 32 lowercase letters and digits), so neither is ever looked up; the request goes on as a
  reader's without a session.
"""

import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponseBadRequest

SESSION_KEY = re.compile(r"[a-z0-9]{8,40}")


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if (
            "\x00" in request.path_info
            or b"\x00" in unquote_to_bytes(meta.get("QUERY_STRING", ""))
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
