"""Pieces the catalogue's pages share: the URL of a query, the status of an entry in the
verification page's words, JSON-LD, and whole pages kept for anonymous visitors."""

import hashlib
import json
from dataclasses import fields, replace
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.html import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ocop.catalogue import index
from ocop.catalogue.search import PAGE_NAMES, Query

PAGE_SECONDS = 60  # a kept page is at most this old (and dropped when the index changes)
_DEFAULTS = Query()


def query_string(query: Query, names: dict[str, str] = PAGE_NAMES, **changes) -> str:
    """``?tinh=01&sao=4``: the non-default values of ``query`` with ``changes``; a change of
    anything but the page goes back to page 1."""
    if changes and "page" not in changes:
        changes["page"] = 1
    query = replace(query, **changes)
    params = []
    for f in fields(Query):
        value = getattr(query, f.name)
        if value == getattr(_DEFAULTS, f.name) or value in ("", 0, None, -1):
            continue
        params.append((names[f.name], "1" if value is True else str(value)))
    return "?" + urlencode(params) if params else "?"


def chips(result, remove, everything_off: str) -> list[tuple[str, str]]:
    """The filters in force, as ``(label, url)``: ``remove(facet, option)`` gives the link
    that drops one (for the classification, only the chosen code has a chip, not its
    parents); ``everything_off`` drops the "include ended" switch."""
    found = []
    for facet in result.facets:
        for option in facet.options:
            if option.selected and (facet.key != "klass" or option.value == result.query.klass):
                found.append((option.label, remove(facet, option)))
    if result.query.everything:
        found.append((_("Cả sản phẩm hết hạn, bị thu hồi"), everything_off))
    return found


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def json_ld(data: dict):
    """A ``<script type="application/ld+json">`` block, escaped like ``json_script``."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


KEPT_HEADERS = ("X-Robots-Tag", "Cache-Control")


def kept(request, key: str, render, *, anyone: bool = False):
    """``render()`` once a minute per language for anonymous visitors (``anyone``: for every
    visitor, a response that depends on nobody, like the API's), in the shared cache, keyed
    by the index's version, so a change shows at once; anyone else gets it fresh."""
    if not anyone and (request.user.is_authenticated or len(messages.get_messages(request))):
        return render()
    digest = hashlib.sha256(key.encode()).hexdigest()
    full_key = f"ocop:catalogue:page:{digest}:{get_language()}:{index.version()}"
    found = cache.get(full_key)
    if found is not None:
        status, content_type, content, headers = found
        response = HttpResponse(content, status=status, content_type=content_type)
        for name, value in headers:
            response[name] = value
        return response
    response = render()
    if (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    ):
        headers = [(h, response[h]) for h in KEPT_HEADERS if response.has_header(h)]
        cache.set(
            full_key,
            (response.status_code, response["Content-Type"], response.content, headers),
            PAGE_SECONDS,
        )
    return response
