"""The request being served, for code that Wagtail calls without it.

``page.url`` in a template or in Python asks Wagtail for the site roots with no request to remember them
on, so every page object looked them up again: one cache read each, or one query each with the cache off
(380 on a search results page). ``BasePage`` remembers them on the request this middleware names."""

from contextvars import ContextVar

current_request = ContextVar("current_request", default=None)


class CurrentRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
