"""The recognition a product stands on, for dossiers (``ocop.dossiers.standing``): its last
recorded recognising line that no recorded correction withdrew.

Only a RECOGNISE line counts. An APPROVE line (a 5★ result the province approved, Điều
7.3.e, waiting for the ministry) recognises nothing yet; the ministry's decision will give
RECOGNISE lines of its own. Validity runs 36 months from the decision (Điều 4.3).
"""

from ocop.dossiers.standing import Standing
from ocop.legal.validity import expiry
from ocop.recognition.enums import DecisionState, LineAction
from ocop.recognition.models import DecisionLine


def standing(product) -> Standing | None:
    line = (
        DecisionLine.objects.standing()
        .filter(
            evaluation__dossier__product=product,
            decision__state=DecisionState.RECORDED,
            action=LineAction.RECOGNISE,
        )
        .select_related("decision", "evaluation__dossier")
        .order_by("-decision__signed_on", "-pk")
        .first()
    )
    if line is None:
        return None
    decided_on = line.decision.signed_on
    return Standing(
        dossier=line.evaluation.dossier,
        stars=line.stars,
        decided_on=decided_on,
        expires_on=expiry(decided_on),
        reference=line.decision.number,
    )
