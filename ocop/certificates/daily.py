"""What the certificates app does each day (``ocop_daily``, registered in ``registry``):

1. issue the certificates of recorded recognising lines that have none (a database from
   before this app, or a recording whose issue failed: never twice, ``actions.issue``);
2. mark as expired the certificates past their term and their Điều 12.3 extension;
3. remind the producer and the provincial office when the re-evaluation window opens
   (180 days before expiry) and 30 days before it closes (120 days before), Điều 7.6.a,
   and tell them when a certificate has expired.

Each reminder is a ``Reminder`` row, unique per certificate and kind, written in the same
transaction as its notifications: a second run, or a run on another machine at the same
moment, finds the row (or waits for it) and sends nothing.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.enums import Role
from ocop.accounts.queries import holders
from ocop.audit.log import record
from ocop.certificates import actions
from ocop.certificates.enums import Reminder as Kind
from ocop.certificates.enums import State
from ocop.certificates.errors import CertificateError
from ocop.certificates.models import Certificate, Reminder
from ocop.dossiers.enums import DossierKind
from ocop.dossiers.models import Dossier
from ocop.legal.validity import RENEWAL_CLOSES_DAYS, RENEWAL_OPENS_DAYS, renewal_window
from ocop.notify.send import notify
from ocop.producers.queries import accounts_of
from ocop.recognition.enums import DecisionKind, DecisionState, LineAction
from ocop.recognition.models import DecisionLine

CLOSING_NOTICE_DAYS = 30  # "30 days before it closes"


def run(today: dt.date) -> dict[str, int]:
    return {
        "issued": catch_up(),
        "expired": expire_due(today),
        "reminded": remind(today),
    }


def catch_up() -> int:
    lines = (
        DecisionLine.objects.standing()
        .filter(
            action=LineAction.RECOGNISE,
            decision__state=DecisionState.RECORDED,
            decision__kind__in=[DecisionKind.RECOGNITION, DecisionKind.MINISTRY],
            certificate__isnull=True,
        )
        .order_by("decision__signed_on", "pk")
    )
    issued = 0
    for line in lines:
        try:
            actions.issue(line)
        except (CertificateError, IntegrityError):  # issued meanwhile by another run
            continue
        issued += 1
    return issued


def expire_due(today: dt.date) -> int:
    due = Certificate.objects.filter(state=State.ACTIVE, expires_on__lt=today).order_by("pk")
    count = 0
    for cert in due:
        ended = actions.expire(cert, today=today)
        if ended is not None:
            _send(ended, Kind.EXPIRED, today)
            count += 1
    return count


def remind(today: dt.date) -> int:
    """Certificates whose window is open today: "it opens" once, and "30 days left" once
    from 30 days before the window closes. None for a product whose re-evaluation dossier
    is already started. Three queries for the whole window, then one transaction per
    reminder actually sent."""
    window = list(
        Certificate.objects.filter(
            state=State.ACTIVE,
            expires_on__gte=today + dt.timedelta(days=RENEWAL_CLOSES_DAYS),
            expires_on__lte=today + dt.timedelta(days=RENEWAL_OPENS_DAYS),
        ).select_related("province", "producer__commune")
    )
    already = set(
        Reminder.objects.filter(certificate__in=window).values_list("certificate_id", "kind")
    )
    filed = _last_filed([c.product_id for c in window], today)
    sent = 0
    for cert in window:
        opens_on, closes_on = renewal_window(cert.expires_on)
        if filed.get(cert.product_id, dt.date.min) >= opens_on:
            continue
        kind = Kind.WINDOW_OPENS
        if today >= closes_on - dt.timedelta(days=CLOSING_NOTICE_DAYS):
            kind = Kind.WINDOW_CLOSING  # one message, not two on the same day
        if (cert.pk, kind) not in already:
            sent += _send(cert, kind, today)
    return sent


def _last_filed(product_ids: list[int], today: dt.date) -> dict[int, dt.date]:
    """The day each product's latest re-evaluation dossier (not withdrawn) was started, among
    those started since the earliest window that can be open today."""
    since = today - dt.timedelta(days=RENEWAL_OPENS_DAYS - RENEWAL_CLOSES_DAYS)
    last: dict[int, dt.date] = {}
    started = (
        Dossier.objects.filter(
            product_id__in=product_ids,
            kind=DossierKind.RE_EVALUATION,
            created_at__date__gte=since,
        )
        .exclude(state="withdrawn")
        .values_list("product_id", "created_at")
    )
    for product_id, created_at in started:
        day = timezone.localdate(created_at)
        last[product_id] = max(day, last.get(product_id, day))
    return last


def _text(cert: Certificate, kind: str) -> str:
    opens_on, closes_on = renewal_window(cert.expires_on)
    values = {
        "number": cert.number,
        "product": cert.product_name,
        "opens": opens_on.strftime("%d/%m/%Y"),
        "closes": closes_on.strftime("%d/%m/%Y"),
        "expires": cert.expires_on.strftime("%d/%m/%Y"),
        "last": cert.last_valid_day().strftime("%d/%m/%Y"),
    }
    if kind == Kind.WINDOW_OPENS:
        return (
            _(
                "Giấy chứng nhận số %(number)s (%(product)s) hết hạn ngày %(expires)s. Hồ sơ đánh "
                "giá lại nộp từ %(opens)s đến %(closes)s (Điều 7.6.a Quyết định 26/2026/QĐ-TTg)."
            )
            % values
        )
    if kind == Kind.WINDOW_CLOSING:
        return (
            _(
                "Còn 30 ngày: hạn cuối nộp hồ sơ đánh giá lại sản phẩm %(product)s là %(closes)s "
                "(giấy chứng nhận số %(number)s hết hạn ngày %(expires)s)."
            )
            % values
        )
    return (
        _(
            "Giấy chứng nhận số %(number)s (%(product)s) đã hết hiệu lực từ sau ngày %(last)s: "
            "sản phẩm không còn được dùng nhãn OCOP cho đến khi được công nhận lại."
        )
        % values
    )


def _send(cert: Certificate, kind: str, today: dt.date) -> int:
    """One reminder of ``kind`` for ``cert``, with its notifications, or 0 when one was sent
    already (now or by a run on another machine)."""
    try:
        with transaction.atomic():
            Reminder.objects.create(certificate=cert, kind=kind, sent_on=today)
            note = _text(cert, kind)
            notify(
                [
                    *accounts_of(cert.producer),
                    *holders(Role.PROVINCE_OFFICER, province=cert.province),
                ],
                f"certificate.{kind}",
                subject=f"{Kind(kind).label}: {cert.product_name}",
                url=reverse("certificates:detail", args=[cert.code]),
                note=note,
            )
            record(
                "certificate.reminded",
                obj=cert,
                changes={"number": cert.number, "reminder": kind},
            )
    except IntegrityError:
        return 0
    return 1
