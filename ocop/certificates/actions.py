"""Issuing certificates and ending them. One function each, in one transaction, audited.

- ``issue(line)``: one certificate per recognising line of a recorded decision (Điều 4.1,
  4.3): valid from the decision's date for 36 months; the product's earlier certificate is
  superseded by it (an upgrade, a re-evaluation, a 5★ after a 4★).
- ``enter(...)``: a certificate issued on paper before the system (Điều 12.1), including
  those of district committees that no longer exist since 1/7/2025.
- ``expire(cert)``: the daily job marks a certificate past its term (and its Điều 12.3
  extension) as expired.
- Recorded decisions and notices reach here through ``ocop.recognition.after``.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ocop.audit.log import record
from ocop.certificates import public, rules
from ocop.certificates.enums import TRANSITIONS, Authority, Ground, Origin, State, Trigger
from ocop.certificates.errors import CertificateError
from ocop.certificates.models import Certificate
from ocop.dossiers.enums import DossierKind
from ocop.legal.validity import expiry
from ocop.lib import uploads
from ocop.lib.counters import next_value
from ocop.recognition.enums import DecisionKind, DecisionState, LineAction
from ocop.recognition.models import DecisionLine

MINISTRY_NAME = "Bộ Nông nghiệp và Môi trường"
DISTRICTS_ABOLISHED = dt.date(2025, 7, 1)  # two-level local government (NQ 202/2025/QH15)
PHOTO_SIZE = 200  # px: the verification page must weigh under 30 KB on a 3G phone


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def province_authority(province) -> str:
    return f"Ủy ban nhân dân {province.name}"


def _step(cert: Certificate, step: str) -> State:
    target = TRANSITIONS.get((step, State(cert.state)))
    if target is None:
        raise CertificateError(
            _("Giấy chứng nhận số %(number)s đã %(state)s: không thay đổi được nữa.")
            % {"number": cert.number, "state": cert.get_state_display().lower()}
        )
    return target


def _number(province) -> tuple[str, str]:
    """``(authority_key, number)``: gap-free per issuing authority and year."""
    year = timezone.localdate().year
    key = province.code if province is not None else "BNNMT"
    n = next_value(f"certificate:{key}:{year}")
    return key, f"{n:04d}/{year}/GCN-OCOP-{key}"


def _photo(product):
    """A small WebP of the product's first photo, kept with the certificate as issued."""
    for document in product.photos.filter(withdrawn_at__isnull=True).order_by("pk"):
        if not document.is_image:
            continue
        source = document.thumbnail or document.file
        try:
            with source.open("rb") as f:
                return uploads.make_thumbnail(f, size=PHOTO_SIZE)
        except (OSError, uploads.UploadRefused):
            continue
    return None


@transaction.atomic
def issue(line: DecisionLine, *, actor=None) -> Certificate:
    """The certificate of a recognising line of a recorded decision. Refused for any other
    line, and for a line that has one already."""
    line = (
        DecisionLine.objects.select_for_update(of=("self",))  # PostgreSQL: no lock on outer joins
        .select_related(
            "decision__province",
            "evaluation__dossier__product",
            "evaluation__dossier__producer__commune__province",
            "evaluation__dossier__criteria_set__instrument",
        )
        .get(pk=line.pk)
    )
    decision = line.decision
    if Certificate.objects.filter(line=line).exists():
        raise CertificateError(
            _("Dòng quyết định này đã có giấy chứng nhận số %(number)s; không cấp lần nữa.")
            % {"number": line.certificate.number}
        )
    if (
        decision.state != DecisionState.RECORDED
        or line.action != LineAction.RECOGNISE
        or decision.kind not in (DecisionKind.RECOGNITION, DecisionKind.MINISTRY)
        or not DecisionLine.objects.filter(pk=line.pk).standing().exists()
        or line.stars < 3  # Điều 4.1.a: no certificate for 1★–2★
    ):
        raise CertificateError(
            _("Chỉ cấp giấy chứng nhận cho sản phẩm được công nhận bằng quyết định đã ban hành.")
        )
    dossier = line.evaluation.dossier
    producer = dossier.producer
    _key, number = _number(decision.province)
    cert = Certificate(
        number=number,
        origin=Origin.SYSTEM,
        line=line,
        product=dossier.product,
        producer=producer,
        commune=dossier.commune,
        province=dossier.province,
        product_name=line.product_name,
        product_code=line.product_code,
        producer_name=line.producer_name,
        address=f"{producer.address}, {producer.commune}",
        product_set=line.product_set,
        stars=line.stars,
        score=line.score,
        authority=Authority.MINISTRY if decision.by_ministry else Authority.PROVINCE,
        authority_name=MINISTRY_NAME
        if decision.by_ministry
        else province_authority(decision.province),
        decision_number=decision.number,
        decision_date=decision.signed_on,
        signer=decision.signer,
        instrument=dossier.criteria_set.instrument,
        valid_from=decision.signed_on,
        expires_on=expiry(decision.signed_on),
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _save(cert, "certificate.issued", actor)
    _supersede_earlier(cert, actor)
    return cert


def _save(cert: Certificate, verb: str, actor) -> None:
    """The new certificate with its photo as issued, audited."""
    photo = _photo(cert.product)
    if photo is not None:
        cert.photo.save("photo.webp", photo, save=False)
    cert.save()
    record(
        verb,
        actor=actor,
        obj=cert,
        changes={
            "number": cert.number,
            "product": cert.product_name,
            "stars": cert.stars,
            "authority": cert.authority_name,
            "decision": cert.decision_number,
            "valid_from": cert.valid_from,
            "expires_on": cert.expires_on,
        },
    )


def _supersede_earlier(cert: Certificate, actor) -> None:
    """The product's earlier certificates still active (or lapsed: a late re-evaluation's
    result, Điều 12.3) are replaced by ``cert``: their labels now lead to it."""
    earlier = list(
        Certificate.objects.select_for_update()
        .filter(product_id=cert.product_id, state__in=[State.ACTIVE, State.EXPIRED])
        .exclude(pk=cert.pk)
    )
    for old in earlier:
        old.state = _step(old, "supersede")
        old.superseded_by = cert
        old.ended_on = cert.valid_from
        old.save(update_fields=["state", "superseded_by", "ended_on"])
        record(
            "certificate.superseded",
            actor=actor,
            obj=old,
            changes={"number": old.number, "superseded_by": cert.number},
        )
    public.forget(*earlier)


def on_decision(decision, *, actor) -> None:
    """A recorded decision: a certificate for each recognising line; a correction ends the
    certificates of the lines it withdraws (Điều 10.1.b)."""
    if decision.kind in (DecisionKind.RECOGNITION, DecisionKind.MINISTRY):
        for line in decision.lines.filter(action=LineAction.RECOGNISE).order_by("pk"):
            issue(line, actor=actor)
    elif decision.kind == DecisionKind.CORRECTION:
        for line in decision.lines.filter(action=LineAction.WITHDRAW).select_related("withdraws"):
            cert = Certificate.objects.filter(line_id=line.withdraws_id).first()
            if cert is not None and cert.state == State.ACTIVE:
                _withdrawn(cert, decision, actor)


def _withdrawn(cert: Certificate, correction, actor) -> None:
    from ocop.certificates.models import Revocation

    cert = Certificate.objects.select_for_update().get(pk=cert.pk)
    cert.state = _step(cert, "revoke")
    cert.ended_on = correction.signed_on
    cert.ended_note = correction.reason[:300]
    cert.save(update_fields=["state", "ended_on", "ended_note"])
    Revocation.objects.create(
        certificate=cert,
        ground=Ground.WITHDRAWN,
        trigger=Trigger.CONCLUSION,
        trigger_authority=correction.signer,
        trigger_number=correction.number,
        trigger_date=correction.signed_on,
        summary=correction.reason,
        state="revoked",
        decision_number=correction.number,
        decision_date=correction.signed_on,
        signer=correction.signer,
        opened_by=actor,
        closed_by=actor,
        closed_at=timezone.now(),
    )
    record(
        "certificate.revoked",
        actor=actor,
        obj=cert,
        changes={"number": cert.number, "decision": correction.number, "reason": correction.reason},
    )
    public.forget(cert)


def on_notice(notice, *, actor) -> None:
    """Điều 12.3: a certificate in its extension stays valid "đến ngày có kết quả xử lý": a
    re-evaluation ending at 1★–2★ ends it on the day of the notice."""
    dossier = notice.evaluation.dossier
    if dossier.kind != DossierKind.RE_EVALUATION:
        return
    today = timezone.localdate()
    for cert in Certificate.objects.select_for_update().filter(
        product_id=dossier.product_id, state=State.ACTIVE
    ):
        if cert.status(today) == "extended":
            with translation.override(settings.LANGUAGE_CODE):  # the record's language
                note = _("Kết quả đánh giá lại: %(stars)s sao, văn bản số %(number)s.") % {
                    "stars": notice.stars,
                    "number": notice.number,
                }
            _end(cert, actor, on=notice.signed_on, note=note)


def _end(cert: Certificate, actor, *, on: dt.date, note: str) -> Certificate:
    cert.state = _step(cert, "expire")
    cert.ended_on = on
    cert.ended_note = note[:300]
    cert.save(update_fields=["state", "ended_on", "ended_note"])
    record(
        "certificate.expired",
        actor=actor,
        obj=cert,
        changes={"number": cert.number, "ended_on": on, "reason": note},
    )
    public.forget(cert)
    return cert


@transaction.atomic
def expire(cert: Certificate, *, today: dt.date, actor=None) -> Certificate | None:
    """Mark a certificate past its last valid day (term and Điều 12.3 extension) as expired.
    None when another run (or a decision) got there first: safe to run twice."""
    cert = Certificate.objects.select_for_update().get(pk=cert.pk)
    if cert.state != State.ACTIVE or cert.last_valid_day() >= today:
        return None
    with translation.override(settings.LANGUAGE_CODE):  # the record's language
        note = (
            _("Hết thời gian kéo dài hiệu lực theo Điều 12.3 ngày %(date)s.")
            if cert.extended_until
            else _("Hết thời hạn 36 tháng ngày %(date)s.")
        ) % {"date": _date(cert.last_valid_day())}
    return _end(cert, actor, on=cert.last_valid_day(), note=note)


@transaction.atomic
def enter(
    *,
    actor,
    product,
    number: str,
    stars: int,
    score,
    authority: str,
    authority_name: str,
    decision_number: str,
    decision_date: dt.date,
    signer: str,
    instrument,
    valid_from: dt.date,
    expires_on: dt.date | None,
) -> Certificate:
    """A certificate issued on paper before the system (Điều 12.1: valid to the end of the
    term its decision gave), including one of a district committee that no longer exists.
    Checked as the law has it; never edited afterwards."""
    provinces = rules.entry_provinces(actor)
    province = product.producer.commune.province
    if provinces is not None and province.pk not in provinces:
        raise CertificateError(_("Bạn chỉ nhập được giấy chứng nhận của sản phẩm trong tỉnh mình."))
    today = timezone.localdate()
    number, authority_name = number.strip(), authority_name.strip()
    problems = []
    if not number or not authority_name or not decision_number.strip():
        problems.append(_("Hãy ghi số giấy chứng nhận, cơ quan cấp và số quyết định công nhận."))
    if stars not in (3, 4, 5):
        problems.append(_("Giấy chứng nhận chỉ cấp cho sản phẩm từ 3 sao đến 5 sao."))
    if decision_date > today or valid_from > today:
        problems.append(_("Ngày quyết định và ngày hiệu lực không được sau hôm nay."))
    if valid_from < decision_date:
        problems.append(_("Ngày hiệu lực không được trước ngày quyết định."))
    if authority == Authority.DISTRICT and decision_date >= DISTRICTS_ABOLISHED:
        problems.append(
            _(
                "Cấp huyện không còn từ 01/07/2025: quyết định của UBND cấp huyện phải trước "
                "ngày đó."
            )
        )
    if authority == Authority.MINISTRY and stars != 5:
        problems.append(_("Bộ Nông nghiệp và Môi trường chỉ công nhận sản phẩm 5 sao."))
    if authority != Authority.MINISTRY and stars == 5:
        problems.append(_("Sản phẩm 5 sao do Bộ trưởng công nhận."))
    term_end = expires_on or expiry(valid_from)
    if term_end < valid_from:
        problems.append(_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
    if Certificate.objects.filter(authority_name=authority_name, number=number).exists():
        problems.append(
            _("Giấy chứng nhận số %(number)s của %(authority)s đã có trên hệ thống.")
            % {"number": number, "authority": authority_name}
        )
    if problems:
        raise CertificateError(" ".join(problems))
    producer = product.producer
    cert = Certificate(
        number=number,
        origin=Origin.ENTERED,
        product=product,
        producer=producer,
        commune=producer.commune,
        province=province,
        product_name=product.name,
        product_code=product.ocop_code or "",
        producer_name=producer.name,
        address=f"{producer.address}, {producer.commune}",
        product_set=str(product.product_set),
        stars=stars,
        score=score,
        authority=authority,
        authority_name=authority_name,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        signer=signer.strip(),
        instrument=instrument,
        valid_from=valid_from,
        expires_on=term_end,
        issued_by=actor,
    )
    _save(cert, "certificate.entered", actor)
    # An older certificate of the same product entered later does not replace a newer one.
    newer = Certificate.objects.filter(
        product=product, valid_from__gt=cert.valid_from, state__in=[State.ACTIVE, State.EXPIRED]
    ).exclude(pk=cert.pk)
    if newer.exists():
        cert.state, cert.superseded_by = (
            _step(cert, "supersede"),
            newer.order_by("valid_from").first(),
        )
        cert.ended_on = cert.superseded_by.valid_from
        cert.save(update_fields=["state", "superseded_by", "ended_on"])
    else:
        _supersede_earlier(cert, actor)
    return cert
