from django.db.models import Count
from django.utils import timezone

from ocop.dossiers import rules
from ocop.dossiers.enums import COMMUNE_CLOCK, State
from ocop.dossiers.models import Dossier
from ocop.lib.scope import get_in_scope_or_404


def dossiers_visible_to(user):
    """The dossiers of ``rules.dossier_scope``, with what the queue shows."""
    return rules.dossier_scope(user).filter(
        Dossier.objects.select_related(
            "product", "producer", "commune__province", "criteria_set__product_set"
        )
    )


def dossier_for(user, code: str) -> Dossier:
    """A dossier the user may see, with what its pages show, or 404."""
    return get_in_scope_or_404(
        Dossier.objects.select_related(
            "product",
            "producer__commune__province",
            "commune__province",
            "province",
            "criteria_set__product_set__group__sector",
            "criteria_set__instrument",
            "based_on",
        ),
        rules.dossier_scope(user),
        code=code,
    )


def overdue(dossiers, today=None):
    return dossiers.filter(
        state__in=COMMUNE_CLOCK, commune_deadline__lt=today or timezone.localdate()
    )


def counts_by_state(dossiers) -> dict[str, int]:
    rows = dossiers.order_by().values("state").annotate(n=Count("pk"))
    found = {row["state"]: row["n"] for row in rows}
    return {state.value: found.get(state.value, 0) for state in State}


def latest_submitted_version(dossier):
    """The version the producer last filed (what the province accepted for a round)."""
    return (
        dossier.versions.filter(submitted_at__isnull=False)
        .prefetch_related("links__document")
        .order_by("-number")
        .first()
    )
