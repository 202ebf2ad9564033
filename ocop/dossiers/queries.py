from django.db.models import Count, Q
from django.utils import timezone

from ocop.dossiers import rules
from ocop.dossiers.enums import COMMUNE_CLOCK, State
from ocop.dossiers.models import Dossier
from ocop.lib.scope import get_in_scope_or_404


def with_list_columns(dossiers):
    """What a list of dossiers shows, fetched with them."""
    return dossiers.select_related(
        "product", "producer", "commune__province", "criteria_set__product_set"
    ).defer("criteria_set__definition")  # a whole sheet of JSON per row, unused in lists


def dossiers_visible_to(user):
    """The dossiers of ``rules.dossier_scope``, with what the queue shows."""
    return rules.dossier_scope(user).filter(with_list_columns(Dossier.objects.all()))


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


def tally(dossiers, today=None) -> tuple[dict[str, int], int, set[int]]:
    """One query for a work queue's summary: the count per state, how many are overdue, and the
    communes they lie in. (Each count over an officer's scope reads the same rows again: five
    of them made most of a province queue's time at 200,000 products, docs/benchmarks.md.)"""
    late = Q(state__in=COMMUNE_CLOCK, commune_deadline__lt=today or timezone.localdate())
    rows = (
        dossiers.order_by()
        .values_list("state", "commune_id")
        .annotate(n=Count("pk"), late=Count("pk", filter=late))
    )
    counts = dict.fromkeys((state.value for state in State), 0)
    overdue_count, communes = 0, set()
    for state, commune_id, n, n_late in rows:
        counts[state] = counts.get(state, 0) + n
        overdue_count += n_late
        communes.add(commune_id)
    return counts, overdue_count, communes


def latest_submitted_version(dossier):
    """The version the producer last filed (what the province accepted for a round)."""
    return (
        dossier.versions.filter(submitted_at__isnull=False)
        .prefetch_related("links__document")
        .order_by("-number")
        .first()
    )
