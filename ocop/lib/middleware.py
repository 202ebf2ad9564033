from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, get_resolver, resolve
from django.utils.cache import patch_cache_control


class ContentSecurityPolicyMiddleware:
    """Adds the Content-Security-Policy header: no inline scripts or styles, same origin only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class PrivateResponsesMiddleware:
    """``Cache-Control: private, no-store`` on whatever was made for one visitor: any
    response to a signed-in user, and any response that read, changed or sets the session
    (it varies on the session cookie). A response that says its own Cache-Control keeps it
    (the public verification page, a file's ``private, max-age``).

    Placed just before SessionMiddleware: its response phase runs after the session's, so
    the session cookie is already in ``response.cookies`` and looking at the user here adds
    no ``Vary: Cookie`` to a page that did not depend on it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and self._for_one_visitor(request, response):
            patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def _for_one_visitor(request, response) -> bool:
        if settings.SESSION_COOKIE_NAME in response.cookies:
            return True
        session = getattr(request, "session", None)
        if session is not None and (session.accessed or session.modified):
            return True
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False  # no session, so nobody is signed in: the user is not loaded
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated)


class OwnErrorPagesMiddleware:
    """The project's own "not found" page under DEBUG too (``make run``): Django's debug page
    lists every URL pattern and its inline styles break the Content-Security-Policy. Placed
    after CommonMiddleware, whose missing-slash redirect still applies to this page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG:
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404:
                return self._not_found(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404):
            return self._not_found(request)
        return None

    def _not_found(self, request):
        handler = get_resolver(getattr(request, "urlconf", None)).resolve_error_handler(404)
        return handler(request, Http404())


class NoNulMiddleware:
    """A NUL character in the path or the query string gets a plain 400 with a message. No
    page needs one, and PostgreSQL refuses it in any text it is given (a lookup by such a
    code would be a 500 there and a 404 on SQLite)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            from django.http import HttpResponseBadRequest
            from django.utils.translation import gettext as _

            return HttpResponseBadRequest(
                _("Địa chỉ có ký tự không hợp lệ."), content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
