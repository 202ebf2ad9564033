"""Pages built once per server process for anonymous visitors.

The blank self-assessment sheet and the home page are the same for every visitor who is not
signed in (per language): rendering them through the template engine on each request cost ten
times a bare view (docs/benchmarks.md). ``anonymous_page`` keeps the bytes of such a page for
``ttl`` seconds in the process and serves them again, through the same middleware.

A page is kept only when it is safe to share: the visitor is anonymous, no message is waiting
for them, and rendering it did not ask for a CSRF token (a page with a POST form carries a
token of its own visitor; such a page is rendered every time). ``forget()`` drops everything
(the places or criteria sets were reloaded; tests).
"""

import time

from django.contrib import messages
from django.http import HttpResponse
from django.utils.translation import get_language

_pages: dict = {}  # (key, language) -> (monotonic time, status, content type, bytes)


def anonymous_page(request, key, render, *, ttl: float = 300):
    """``render()`` gives the response; for anonymous visitors it is built once per ``ttl``."""
    if getattr(request, "user", None) is None or request.user.is_authenticated:
        return render()
    if len(messages.get_messages(request)):
        return render()
    full_key = (key, get_language())
    kept = _pages.get(full_key)
    if kept is not None and time.monotonic() - kept[0] < ttl:
        _at, status, content_type, content = kept
        return HttpResponse(content, status=status, content_type=content_type)
    response = render()
    shareable = (
        not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.cookies
        and not response.streaming
        and response.status_code == 200
    )
    if shareable:
        _pages[full_key] = (
            time.monotonic(),
            response.status_code,
            response["Content-Type"],
            response.content,
        )
    return response


def forget(**kwargs) -> None:
    _pages.clear()
