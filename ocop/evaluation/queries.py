"""How views fetch councils, rounds and products: through the one scope of ``rules``."""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from ocop.evaluation import rules
from ocop.evaluation.enums import FINISHED
from ocop.evaluation.models import AdvisoryFile, Council, DocumentRequest, Evaluation, Round
from ocop.legal import reevaluation
from ocop.lib.scope import get_in_scope_or_404


def councils_visible_to(user):
    return rules.council_scope(user).filter(Council.objects.select_related("province"))


def rounds_visible_to(user):
    return rules.round_scope(user).filter(
        Round.objects.select_related("council__province").annotate(
            products=Count("evaluations", distinct=True)
        )
    )


def council_for(user, code: str) -> Council:
    return get_in_scope_or_404(
        Council.objects.select_related("province"), rules.council_scope(user), code=code
    )


def round_for(user, code: str) -> Round:
    return get_in_scope_or_404(
        Round.objects.select_related("council__province"), rules.round_scope(user), code=code
    )


def evaluation_for(user, code: str) -> Evaluation:
    return get_in_scope_or_404(
        Evaluation.objects.select_related(
            "round__council__province",
            "dossier__product",
            "dossier__producer__commune__province",
            "dossier__criteria_set__product_set",
            "dossier__criteria_set__instrument",
        ),
        rules.evaluation_scope(user),
        code=code,
    )


def evaluations_of(rnd: Round, member=None):
    """The round's products, with how many sheets are in (and the member's own, if given)."""
    qs = rnd.evaluations.select_related(
        "dossier__product", "dossier__producer", "dossier__criteria_set__product_set"
    ).annotate(submitted=Count("sheets", filter=Q(sheets__submitted_at__isnull=False)))
    if member is not None:
        qs = qs.annotate(
            mine=Count(
                "sheets", filter=Q(sheets__member=member, sheets__submitted_at__isnull=False)
            )
        )
    return qs.order_by("pk")


def request_for(user, code: str) -> DocumentRequest:
    """A document request of the advisory team, for the accounts of the producer asked."""
    return get_in_scope_or_404(
        DocumentRequest.objects.select_related(
            "evaluation__dossier__product", "evaluation__dossier__producer", "evaluation__round"
        ),
        rules.request_scope(user),
        code=code,
    )


def advisory_file_for(user, code: str) -> AdvisoryFile:
    """A visit's photo or a lab's paper, for those who see the product's evaluation."""
    return get_in_scope_or_404(
        AdvisoryFile.objects.select_related("evaluation"),
        rules.evaluation_scope(user).through("evaluation"),
        code=code,
    )


def reevaluations_on_clock(user):
    """Re-evaluations still without a result, on their 45 days (Điều 7.6.g), the earliest
    deadline first: the queue of the council's office and members."""
    qs = Evaluation.objects.filter(clock_starts_on__isnull=False).exclude(state__in=FINISHED)
    return (
        rules.evaluation_scope(user)
        .filter(qs)
        .select_related("round__council", "dossier__product", "dossier__producer")
        .order_by("clock_starts_on", "pk")
    )


def overdue_reevaluations(evaluations, today: dt.date | None = None):
    """Of ``evaluations``, those past the 45th day: the clock started more than 45 days
    before ``today``."""
    today = today or timezone.localdate()
    return evaluations.filter(
        clock_starts_on__lt=today - dt.timedelta(days=reevaluation.REEVALUATION_DAYS)
    )
