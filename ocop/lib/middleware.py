from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, get_resolver, resolve


class ContentSecurityPolicyMiddleware:
    """Adds the Content-Security-Policy header: no inline scripts or styles, same origin only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


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
