from ocop.evaluation.models import Round
from ocop.lib.scope import Scope, get_in_scope_or_404
from ocop.recognition import rules
from ocop.recognition.enums import DecisionState
from ocop.recognition.models import Decision, DecisionLine, Notice


def decision_for(user, code: str) -> Decision:
    return get_in_scope_or_404(
        Decision.objects.select_related("round__council", "province", "corrects"),
        rules.decision_scope(user),
        code=code,
    )


def notice_for(user, code: str) -> Notice:
    """A notice of a provincial round's result, for the office that decides on the round."""
    scope: Scope = rules.decision_scope(user).through("evaluation__round__council")
    return get_in_scope_or_404(
        Notice.objects.select_related(
            "evaluation__round__council__province",
            "evaluation__dossier__product",
            "evaluation__dossier__producer",
            "evaluation__dossier__commune",
            "evaluation__dossier__criteria_set__product_set",
            "evaluation__dossier__criteria_set__instrument",
        ).filter(evaluation__round__council__level="province"),
        scope,
        code=code,
    )


def round_for(user, code: str) -> Round:
    """A provincial round whose results the user's office decides on."""
    scope: Scope = rules.decision_scope(user).through("council")
    return get_in_scope_or_404(
        Round.objects.select_related("council__province").filter(council__level="province"),
        scope,
        code=code,
    )


def rounds_to_decide(user):
    scope: Scope = rules.decision_scope(user).through("council")
    return scope.filter(
        Round.objects.select_related("council__province").filter(council__level="province")
    ).order_by("-year", "-number")


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
