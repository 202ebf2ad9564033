"""Gap-free numbers (product codes per commune, receipt numbers per office and year)."""

from django.db import transaction
from django.db.models import F

from ocop.lib.models import Counter


def next_value(key: str) -> int:
    """The next number of sequence ``key``, starting at 1. The row stays locked until the
    surrounding transaction ends, so concurrent callers queue instead of colliding."""
    with transaction.atomic():
        Counter.objects.get_or_create(key=key)
        Counter.objects.filter(key=key).update(value=F("value") + 1)
        return Counter.objects.get(key=key).value
