"""The header menu and the "Trang của tôi" role lines, filled by each app for itself.

Each app registers its own entries in its ``AppConfig.ready()``, so a new app adds a menu
item without editing an app to its left. ``context`` is the template context processor.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def everyone(user) -> bool:
    return True


def signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def anonymous(user) -> bool:
    return not signed_in(user)


@dataclass(frozen=True)
class MenuItem:
    position: int  # left to right; apps leave gaps of 10 for the ones to come
    label: object  # a (lazy) string, or a function of the user giving one
    url: str  # a URL name ("dossiers:queue") or a path ("/api/v1/docs")
    show: Callable[[object], bool] = everyone

    def resolve(self, user) -> tuple[str, str]:
        label = self.label(user) if callable(self.label) else self.label
        url = (
            self.url
            if self.url.startswith("/")
            else _reverse(self.url, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
        )
        return str(label), url


@lru_cache(maxsize=256)
def _reverse(name: str, prefix: str, urlconf: str) -> str:
    """A URL name without arguments gives the same path while the prefix and URLconf stay."""
    return reverse(name, urlconf=urlconf)


_MENU: dict[str, MenuItem] = {}
_ROLE_LINES: list[Callable[[object], Iterable[tuple[str, str]]]] = []


def add_menu_item(key: str, item: MenuItem) -> None:
    """Register (or, when the same app loads twice, replace) one menu item."""
    _MENU[key] = item


def add_role_lines(describe: Callable[[object], Iterable[tuple[str, str]]]) -> None:
    """``describe(user)`` gives ``(role, place)`` lines for the user's own page."""
    if describe not in _ROLE_LINES:
        _ROLE_LINES.append(describe)


def menu_for(user, path: str = "") -> list[dict]:
    items = [
        item.resolve(user)
        for item in sorted(_MENU.values(), key=lambda i: i.position)
        if item.show(user)
    ]
    # The current item is the longest link that starts the path (/accounts/users/ beats /accounts/).
    matches = [url for _label, url in items if path == url or (url != "/" and path.startswith(url))]
    current = max(matches, key=len, default=None)
    return [{"label": label, "url": url, "current": url == current} for label, url in items]


def role_lines(user) -> list[tuple[str, str]]:
    return [line for describe in _ROLE_LINES for line in describe(user)]


def context(request) -> dict:
    user = getattr(request, "user", None)
    return {"nav_items": menu_for(user, request.path if request is not None else "")}
