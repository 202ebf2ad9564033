"""The verification page's cache: a rendered page lives a minute at most (in the shared cache
and in browsers, ``MAX_AGE``), and every action that changes what a certificate means drops
its pages at once, so a revocation shows on the next scan."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

MAX_AGE = 60  # seconds: "correct within a minute of a revocation"


def cache_key(code: str, language: str) -> str:
    return f"ocop:verify:{code}:{language}"


def forget(*certificates) -> None:
    """Drop the cached pages of these certificates now, and again once the transaction
    commits (a page rendered in between, from the old state, goes too)."""
    keys = [cache_key(c.code, lang) for c in certificates for lang, _name in settings.LANGUAGES]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))
