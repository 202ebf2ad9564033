from django.db.models import Q

from ocop.accounts import rules
from ocop.producers.models import Producer


def producers_visible_to(user):
    """Producers a user may see: their own, their commune's or province's, or all (central)."""
    producers = Producer.objects.select_related("commune__province")
    if rules.is_central(user):
        return producers
    return producers.filter(
        Q(pk__in=rules.producer_ids(user))
        | Q(commune_id__in=rules.officer_communes(user))
        | Q(commune__province_id__in=rules.officer_provinces(user))
    )
