"""The recognition a product stands on, for dossiers (``ocop.dossiers.standing``): its
current certificate.

The current certificate is the last one issued (or entered) for the product that nothing
has replaced. A revoked one leaves the product unrecognised; an expired one lapses (the
product registers anew); one in its Điều 12.3 extension still stands, and its re-evaluation
may be filed late, until the extension's end.
"""

from ocop.certificates.enums import State
from ocop.certificates.models import Certificate
from ocop.dossiers.standing import Standing


def current(product) -> Certificate | None:
    return (
        Certificate.objects.filter(product=product)
        .exclude(state=State.SUPERSEDED)
        .select_related("line__evaluation__dossier")
        .order_by("-valid_from", "-pk")
        .first()
    )


def standing(product) -> Standing | None:
    cert = current(product)
    if cert is None or cert.state == State.REVOKED:
        return None
    expires_on = cert.ended_on if cert.state == State.EXPIRED and cert.ended_on else cert.expires_on
    return Standing(
        dossier=cert.line.evaluation.dossier if cert.line_id else None,
        stars=cert.stars,
        decided_on=cert.decision_date,
        expires_on=min(expires_on, cert.expires_on),
        reference=cert.decision_number,
        extended_until=None if cert.state == State.EXPIRED else cert.extended_until,
        certificate=cert.number,
        certificate_url=cert.get_absolute_url(),
    )
