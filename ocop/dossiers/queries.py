from django.db.models import Count, Q
from django.utils import timezone

from ocop.accounts import rules
from ocop.dossiers.enums import COMMUNE_CLOCK, State
from ocop.dossiers.models import Dossier


def dossiers_visible_to(user):
    """Dossiers a user may see: their producer's, their commune's, their province's, or all."""
    dossiers = Dossier.objects.select_related(
        "product", "producer", "commune__province", "criteria_set__product_set"
    )
    if rules.is_central(user):
        return dossiers
    return dossiers.filter(
        Q(producer_id__in=rules.producer_ids(user))
        | Q(producer__commune_id__in=rules.officer_communes(user))
        | Q(producer__commune__province_id__in=rules.officer_provinces(user))
        | Q(commune_id__in=rules.officer_communes(user))
        | Q(province_id__in=rules.officer_provinces(user))
    )


def overdue(dossiers, today=None):
    return dossiers.filter(
        state__in=COMMUNE_CLOCK, commune_deadline__lt=today or timezone.localdate()
    )


def counts_by_state(dossiers) -> dict[str, int]:
    rows = dossiers.order_by().values("state").annotate(n=Count("pk"))
    found = {row["state"]: row["n"] for row in rows}
    return {state.value: found.get(state.value, 0) for state in State}
