"""Reading the published criteria sets.

A published set never changes (``models.CriteriaSet``), so the pages and API that only read
them (the self-assessment, ``/api/v1/criteria-sets``) take them from a memo kept in each
server process instead of the database: loading 26 sheets of JSON on every request was most of
their cost. Saving or deleting a set in this process clears the memo at once; another process
(``manage.py load_criteria`` beside a running server) is seen after at most
``OCOP_CRITERIA_MEMO_SECONDS`` (default 300). Anything that writes a reference to a set (a new
dossier) reads the database through ``published_sets()``.
"""

import threading
import time

from django.conf import settings

from ocop.criteria.models import CriteriaSet


def published_sets():
    return CriteriaSet.objects.select_related("instrument", "product_set__group__sector").order_by(
        "code"
    )


_lock = threading.Lock()
# {"sets": {code: CriteriaSet} in code order, "at": monotonic time, "derived": {...}} or None;
# replaced whole, never changed in place, so a reader in another thread sees one or the other.
_memo: dict | None = None


def _fresh() -> dict:
    global _memo
    ttl = getattr(settings, "OCOP_CRITERIA_MEMO_SECONDS", 300)
    memo = _memo
    if memo is not None and time.monotonic() - memo["at"] < ttl:
        return memo
    with _lock:
        memo = _memo
        if memo is None or time.monotonic() - memo["at"] >= ttl:
            sets = {cs.code: cs for cs in published_sets()}
            memo = _memo = {"sets": sets, "at": time.monotonic(), "derived": {}}
        return memo


def memo_sets() -> list[CriteriaSet]:
    """The published sets in code order, read once per process (read-only uses only)."""
    return list(_fresh()["sets"].values())


def memo_set(code: str) -> CriteriaSet | None:
    """One published set by code from the memo, or None (read-only uses only)."""
    return _fresh()["sets"].get(code)


def memo_derived(key, build):
    """Something computed from the published sets alone (a JSON body, say), built once."""
    derived = _fresh()["derived"]
    if key not in derived:
        derived[key] = build()
    return derived[key]


def forget(**kwargs) -> None:
    """Drop the memo (a set was saved or deleted, or the database was flushed)."""
    global _memo
    _memo = None
