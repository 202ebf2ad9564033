from django.http import Http404

from ocop.evaluation.models import Round
from ocop.lib.scope import Scope, get_in_scope_or_404
from ocop.recognition import rules
from ocop.recognition.enums import DecisionState
from ocop.recognition.models import Decision, DecisionLine, Notice, Package


def decision_for(user, code: str) -> Decision:
    """A decision of the user's office; also, for a province's office, a Minister's decision
    naming one of its products (Điều 7.4.g: the ministry tells the province)."""
    decision = (
        Decision.objects.select_related("round__council", "province", "corrects")
        .filter(code=code)
        .first()
    )
    if decision is None:
        raise Http404
    if rules.decision_scope(user).covers(decision) or rules.sees_ministry_decision(user, decision):
        return decision
    raise Http404


def notice_for(user, code: str) -> Notice:
    """A notice of a round's result, for the office of the product's province (the one
    that decides on it, or that the ministry told) and central officers."""
    scope: Scope = rules.decision_scope(user).through("evaluation__dossier")
    return get_in_scope_or_404(
        Notice.objects.select_related(
            "evaluation__round__council__province",
            "evaluation__dossier__product",
            "evaluation__dossier__producer",
            "evaluation__dossier__commune",
            "evaluation__dossier__criteria_set__product_set",
            "evaluation__dossier__criteria_set__instrument",
        ),
        scope,
        code=code,
    )


def round_for(user, code: str) -> Round:
    """A round whose results the user's office decides on: its province's, or the central
    council's for central officers (a central council has no province)."""
    scope: Scope = rules.decision_scope(user).through("council")
    return get_in_scope_or_404(
        Round.objects.select_related("council__province"),
        scope,
        code=code,
    )


def rounds_to_decide(user):
    scope: Scope = rules.decision_scope(user).through("council")
    return scope.filter(Round.objects.select_related("council__province")).order_by(
        "-council__level", "-year", "-number"
    )


def recognition_of(product):
    """The line that recognises (or approves the result of) the product today: the last
    recorded one that no recorded correction withdrew; None when it is not recognised."""
    return (
        DecisionLine.objects.standing()
        .filter(evaluation__dossier__product=product, decision__state=DecisionState.RECORDED)
        .select_related("decision")
        .order_by("-decision__signed_on", "-pk")
        .first()
    )


def package_for(user, code: str) -> Package:
    return get_in_scope_or_404(
        Package.objects.select_related(
            "province",
            "dossier__product",
            "dossier__producer",
            "dossier__commune",
            "dossier__criteria_set__product_set",
            "approval__decision",
            "approval__evaluation__round",
        ),
        rules.package_scope(user),
        code=code,
    )


def packages_for(user):
    return rules.package_scope(user).filter(
        Package.objects.select_related("province", "dossier__product", "dossier__producer")
    )
