"""One limit for every password form on the site, with one set of counters.

django-axes counts failed sign-ins per username *and* client together (``client_id``: an IPv6 client by
its /64; it believes X-Forwarded-For only from our own proxies), so one attacker can't lock out every
editor, only their own guesses. Its counters are rows in the database (``AxesDatabaseHandler``): every app server
sees the same ones, and they don't depend on Redis, so the limit holds while the cache is down.

Axes sees every ``django.contrib.auth.authenticate()`` call: the Wagtail admin's login and Wagtail's
front-end login for private pages (``/_util/login/``). Two password forms don't authenticate a user, and
this module puts them on the same counters:

- the admin's password reset form: each request counts against the account(s) with that address, from
  that client, so resets can't be used to spam someone's inbox or to dodge the login limit;
- the password form of a password-protected page: each wrong password counts against that page's
  restriction, from that client.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponse
from django.urls import Resolver404, resolve


def normalise_username(request, credentials=None):
    """AXES_USERNAME_CALLABLE: one counter per account however its name is typed (and short enough to
    store: a 10 KB "username" must not break the insert)."""
    if credentials is not None:
        raw = credentials.get("username") or credentials.get(get_user_model().USERNAME_FIELD) or ""
    else:
        raw = request.POST.get("username", "") if request is not None else ""
    return str(raw).replace("\x00", "").strip().lower()[:150]


def failure_limit(request, credentials=None):
    """AXES_FAILURE_LIMIT: the wrong passwords allowed per account and address in a window; the last of
    them is already answered with 429."""
    return settings.LOGIN_ATTEMPTS_PER_WINDOW


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a plain 429 that says when to try again."""
    seconds = int(get_cool_off(request).total_seconds()) if get_cool_off(request) else 3600
    return HttpResponse(
        "Too many sign-in attempts for this account from your address. Please wait a few minutes and try again.",
        status=429,
        content_type="text/plain; charset=utf-8",
        headers={"Retry-After": str(seconds), "Cache-Control": "no-store"},
    )


def _reset_usernames(request):
    email = request.POST.get("email", "").replace("\x00", "").strip()[:254]
    if not email:
        return []
    User = get_user_model()
    names = list(User.objects.filter(email__iexact=email).values_list(User.USERNAME_FIELD, flat=True)[:5])
    return names or [email]


class PasswordFormLimitMiddleware:
    """Puts the password reset form and the page password form on the same counters as the logins."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or not settings.AXES_ENABLED:
            return self.get_response(request)
        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            name = None
        if name == "wagtailadmin_password_reset":
            usernames = _reset_usernames(request)
            counts_when = None  # every request counts
        elif name == "wagtailcore_authenticate_with_password":
            kwargs = resolve(request.path_info).kwargs
            usernames = [f"page-password:{kwargs['page_view_restriction_id']}"]
            counts_when = 200  # the form shown again: a wrong password
        else:
            return self.get_response(request)

        for username in usernames:
            if AxesProxyHandler.is_locked(request, {"username": username}):
                return lockout_response(request)
        response = self.get_response(request)
        if counts_when is None or response.status_code == counts_when:
            for username in usernames:
                user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
            if getattr(request, "axes_locked_out", False):
                # Like a login, the attempt that reaches the limit is answered with the 429 already.
                return lockout_response(request)
        return response
