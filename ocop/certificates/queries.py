"""How views fetch certificates and what hangs on them, always through a scope (404 outside).
The officers' lists (Điều 7.6, 8, 12.3) are named querysets, shared by the pages and their
Excel exports."""

import datetime as dt

from django.db.models import Q

from ocop.certificates import rules
from ocop.certificates.enums import CaseState, ReportState, State
from ocop.certificates.models import (
    Certificate,
    ConsumerReport,
    Inspection,
    Revocation,
    extended_on,
)
from ocop.lib.scope import Scope, get_in_scope_or_404

RELATED = ("province", "commune", "producer", "product", "instrument", "superseded_by")


def certificate_for(user, code: str) -> Certificate:
    return get_in_scope_or_404(
        Certificate.objects.select_related(*RELATED), rules.certificate_scope(user), code=code
    )


def certificates_for(user):
    return rules.certificate_scope(user).filter(Certificate.objects.select_related(*RELATED))


def case_for(user, code: str) -> Revocation:
    scope: Scope = rules.office_scope(user).through("certificate")
    return get_in_scope_or_404(
        Revocation.objects.select_related("certificate__province", "certificate__commune"),
        scope,
        code=code,
    )


def open_cases(user):
    scope: Scope = rules.office_scope(user).through("certificate")
    return scope.filter(
        Revocation.objects.filter(state=CaseState.OPEN).select_related("certificate__province")
    ).order_by("trigger_date", "pk")


def report_for(user, code: str) -> ConsumerReport:
    return get_in_scope_or_404(
        ConsumerReport.objects.select_related("certificate", "province"),
        rules.office_scope(user),
        code=code,
    )


def reports_for(user, state: str = ReportState.OPEN):
    qs = ConsumerReport.objects.select_related("certificate", "province")
    if state:
        qs = qs.filter(state=state)
    return rules.office_scope(user).filter(qs)


def inspection_for(user, code: str) -> Inspection:
    return get_in_scope_or_404(
        Inspection.objects.select_related("province"), rules.office_scope(user), code=code
    )


def inspections_for(user):
    return rules.office_scope(user).filter(Inspection.objects.select_related("province"))


# --- the officers' lists -----------------------------------------------------------------

LISTS = ("in_force", "expiring", "expired", "extended", "revoked", "all")
EXPIRING_DAYS = (180, 90, 30)


def listing(qs, name: str, today: dt.date, days: int = 180):
    """The certificates of list ``name`` on ``today``:

    - ``in_force``: still valid (term or Điều 12.3 extension);
    - ``expiring``: in force and ending within ``days`` (180, 90 or 30);
    - ``expired``: ended by their term without a newer certificate (expired without renewal);
    - ``extended``: past their term, inside the Điều 12.3 extension;
    - ``revoked``: revoked this calendar year;
    - ``all``: every certificate.
    """
    if name == "in_force":
        return qs.in_force_on(today).order_by("expires_on", "pk")
    if name == "expiring":
        return qs.filter(
            state=State.ACTIVE,
            valid_from__lte=today,
            expires_on__gte=today,
            expires_on__lte=today + dt.timedelta(days=days),
        ).order_by("expires_on", "pk")
    if name == "expired":
        lapsed = Q(state=State.ACTIVE, expires_on__lt=today) & ~extended_on(today)
        return qs.filter(Q(state=State.EXPIRED) | lapsed).order_by("-expires_on", "pk")
    if name == "extended":
        return qs.filter(extended_on(today), state=State.ACTIVE).order_by("expires_on", "pk")
    if name == "revoked":
        return qs.filter(state=State.REVOKED, ended_on__year=today.year).order_by("-ended_on")
    return qs.order_by("-valid_from", "-pk")
