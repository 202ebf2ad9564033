"""Every change to a dossier: one named function each, in one transaction, audited, and the
next actor notified. ``transition`` is the only way a dossier changes state."""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.enums import Role
from ocop.accounts.queries import holders
from ocop.audit.log import record
from ocop.criteria import engine, messages, serialize
from ocop.criteria.queries import published_sets
from ocop.dossiers import content as dossier_content
from ocop.dossiers import documents as forms_pdf
from ocop.dossiers import kinds, rules
from ocop.dossiers.enums import (
    COMMUNE_DEADLINE_WORKING_DAYS,
    HOLDER,
    TRANSITIONS,
    DossierKind,
    Side,
    State,
    Step,
)
from ocop.dossiers.models import (
    CommuneAssessment,
    Dossier,
    DossierVersion,
    EvidenceLink,
    ProposalLetter,
)
from ocop.legal import rounds
from ocop.lib import uploads
from ocop.lib.counters import next_value
from ocop.lib.workdays import add_working_days
from ocop.notify.send import notify
from ocop.producers.actions import may_use_product_set
from ocop.producers.enums import EvidenceKind
from ocop.producers.queries import accounts_of
from ocop.producers.snapshot import snapshot
from ocop.products.actions import assign_ocop_code, set_ocop_code_year

SAMPLES_REQUIRED = 5  # Điều 6.2: 05 sản phẩm mẫu, except community tourism
# What a proposal letter may be: a PDF, a scan or photo, a Word file (not a spreadsheet).
LETTER_KINDS = {"pdf", "jpeg", "png", "webp", "docx"}
FINISHED = {State.ACCEPTED, State.WITHDRAWN}


class DossierError(Exception):
    """A dossier action was refused; the message says why, in the user's language."""


# --- starting and editing ----------------------------------------------------------------


def _initial_content(product) -> dict:
    producer = product.producer
    description = "\n".join(
        t for t in (product.name, product.specifications, product.standard) if t
    )
    kinds = set(producer.evidence.current().values_list("kind", flat=True))
    return {
        "mau01": {"samples": SAMPLES_REQUIRED if product.product_set.samples_required else 0},
        "part1": {
            "product_description": description,
            "business_registration": EvidenceKind.BUSINESS_REGISTRATION in kinds,
            "quality_declaration": EvidenceKind.QUALITY_DECLARATION in kinds,
            "food_safety_certificate": EvidenceKind.FOOD_SAFETY in kinds,
            "production_condition_certificate": EvidenceKind.PRODUCTION_CONDITION in kinds,
            "ip_registered": EvidenceKind.INTELLECTUAL_PROPERTY in kinds,
        },
    }


@transaction.atomic
def start_dossier(product, *, actor, kind: DossierKind, year: int | None = None) -> Dossier:
    """A new draft of ``kind`` if the product may start one today (``kinds.start_problems``).
    Upgrades and re-evaluations start as a copy of the dossier the product's recognition
    rests on, less what belongs to that dossier's own kind (its statement of changes, its
    updates), which the new dossier states afresh."""
    if not rules.can_start_dossier(actor, product):
        raise DossierError(_("Bạn không có quyền lập hồ sơ cho sản phẩm này."))
    producer = product.producer
    if not may_use_product_set(producer, product.product_set.number):
        raise DossierError(
            _("Loại hình của chủ thể chỉ được đăng ký sản phẩm dịch vụ du lịch cộng đồng.")
        )
    if product.dossiers.exclude(state__in=FINISHED).exists():
        raise DossierError(_("Sản phẩm này đang có một hồ sơ chưa xử lý xong."))
    kind = DossierKind(kind)
    problems = kinds.start_problems(product, kind)
    if problems:
        raise DossierError(" ".join(problems))
    standing = kinds.recognition(product) if kind != DossierKind.FIRST else None
    base = standing.dossier if standing else None
    criteria_set = published_sets().filter(product_set=product.product_set).first()
    if criteria_set is None:
        raise DossierError(_("Chưa có bộ tiêu chí cho bộ sản phẩm này."))
    dossier = Dossier.objects.create(
        product=product,
        producer=producer,
        commune=producer.commune,
        province=producer.commune.province,
        kind=kind,
        year=year or timezone.localdate().year,
        based_on=base,
        criteria_set=criteria_set,
        created_by=actor,
    )
    if base is None:
        version = DossierVersion.objects.create(
            dossier=dossier, number=1, content=_initial_content(product), updated_by=actor
        )
    else:
        source = base.versions.order_by("-number").first()
        version = _copy_version(source, dossier=dossier, number=1, actor=actor)
        own = [s.key for s in dossier_content.KIND_ONLY]
        version.content = {k: v for k, v in version.content.items() if k not in own}
        fields = ["content"]
        version.links.filter(criterion__in=own).delete()
        if base.criteria_set_id != criteria_set.pk:  # answers of another sheet do not carry
            version.answers, version.notes, version.result = {}, {}, {}
            fields += ["answers", "notes", "result"]
            version.links.exclude(criterion="").delete()
        version.save(update_fields=fields)
    _score(version)
    record(
        "dossier.created",
        actor=actor,
        obj=dossier,
        changes={"kind": kind.value, "product": product.name, "based_on": base and base.code},
    )
    return dossier


def _copy_version(source: DossierVersion, *, dossier, number, actor) -> DossierVersion:
    version = DossierVersion.objects.create(
        dossier=dossier,
        number=number,
        content=source.content,
        answers=source.answers,
        notes=source.notes,
        result=source.result,
        updated_by=actor,
    )
    EvidenceLink.objects.bulk_create(
        EvidenceLink(version=version, document_id=link.document_id, criterion=link.criterion)
        for link in source.links.all()
    )
    return version


def open_version(dossier) -> DossierVersion:
    """The version the producer may still edit (the last one, if not yet submitted)."""
    version = dossier.versions.order_by("-number").first()
    if version is None or version.frozen:
        raise DossierError(_("Hồ sơ đã nộp không sửa được nữa."))
    return version


def _score(version: DossierVersion) -> dict:
    sheet = version.dossier.criteria_set.sheet()
    version.result = serialize.result(engine.evaluate(sheet, version.answers))
    DossierVersion.objects.filter(pk=version.pk).update(result=version.result)
    return version.result


@transaction.atomic
def save_content(
    dossier: Dossier,
    *,
    actor,
    sections: dict | None = None,
    answers: dict | None = None,
    notes: dict | None = None,
    links: dict | None = None,
) -> DossierVersion:
    """Save what the producer typed into the open version (drafts save as you go).

    ``sections``: ``{section: {field: value}}``; ``answers``: the whole sheet
    ``{criterion: option}``; ``notes``: ``{criterion: text}``; ``links``:
    ``{criterion or "": [EvidenceDocument, ...]}`` replacing the links of those criteria
    (or of a section with evidence of its own, by its key: ``content.EVIDENCE_SECTIONS``).
    """
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not rules.can_edit_content(actor, dossier):
        raise DossierError(_("Hồ sơ ở trạng thái này không sửa được."))
    version = open_version(dossier)
    changed = []
    if sections:
        content = dict(version.content)
        for key, values in sections.items():
            section = dossier_content.SECTION_BY_KEY.get(key)
            if section is None or not section.applies_to(dossier.kind):
                raise DossierError(_("Không có mục %(key)s trong hồ sơ.") % {"key": key})
            known = {f.key for f in section.fields}
            merged = dict(content.get(key) or {})
            merged.update({k: v for k, v in values.items() if k in known})
            if merged != (content.get(key) or {}):
                content[key] = merged
                changed.append(key)
        version.content = content
    sheet = dossier.criteria_set.sheet()
    if answers is not None:
        try:
            engine.resolve(sheet, answers)
        except engine.EvaluationError as exc:
            raise DossierError(messages.evaluation_error(exc)) from None
        if answers != version.answers:
            version.answers = dict(answers)
            changed.append("answers")
    if notes is not None:
        leaves = {leaf.code for leaf in sheet.leaves()}
        cleaned = {k: v.strip() for k, v in notes.items() if k in leaves and v and v.strip()}
        if cleaned != version.notes:
            version.notes = cleaned
            changed.append("notes")
    version.updated_by = actor
    version.save()
    if links is not None and _replace_links(version, dossier, sheet, links):
        changed.append("evidence")
    _score(version)
    if changed:
        record(
            "dossier.edited",
            actor=actor,
            obj=dossier,
            changes={"version": version.number, "sections": changed},
        )
    return version


def _replace_links(version, dossier, sheet, links: dict) -> bool:
    leaves = {leaf.code for leaf in sheet.leaves()}
    leaves |= {s.key for s in dossier_content.sections_for(dossier.kind) if s.evidence}
    changed = False
    for criterion, documents in links.items():
        if criterion and criterion not in leaves:
            raise DossierError(messages.evaluation_error(engine.UnknownCriterion(criterion)))
        wanted = set()
        for document in documents:
            if document.producer_id != dossier.producer_id or document.withdrawn_at:
                raise DossierError(_("Tài liệu minh chứng phải thuộc thư viện của chủ thể."))
            wanted.add(document.pk)
        current = set(
            version.links.filter(criterion=criterion).values_list("document_id", flat=True)
        )
        if wanted != current:
            changed = True
            for link in version.links.filter(criterion=criterion, document_id__in=current - wanted):
                link.delete()
            EvidenceLink.objects.bulk_create(
                EvidenceLink(version=version, document_id=pk, criterion=criterion)
                for pk in wanted - current
            )
    return changed


@transaction.atomic
def save_assessment(dossier: Dossier, *, actor, **fields) -> CommuneAssessment:
    """The commune's Mẫu 03 (editable while the dossier is at the commune)."""
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not rules.can_assess(actor, dossier):
        raise DossierError(_("Chỉ xã đang xem xét hồ sơ mới sửa được báo cáo Mẫu 03."))
    assessment, _created = CommuneAssessment.objects.get_or_create(dossier=dossier)
    allowed = {
        "raw_materials",
        "labour",
        "idea_origin",
        "identity",
        "meeting_notes",
        "report_number",
        "letter_number",
        "letter_date",
        "samples_received",
        "signer",
    }
    changes = {}
    for name, value in fields.items():
        if name not in allowed:
            raise DossierError(_("Không sửa được: %(fields)s.") % {"fields": name})
        if getattr(assessment, name) != value:
            changes[name] = [str(getattr(assessment, name) or ""), str(value or "")]
            setattr(assessment, name, value)
    if changes:
        assessment.updated_by = actor
        assessment.save()
        record("dossier.assessed", actor=actor, obj=dossier, changes=changes)
    return assessment


def current_letter(dossier: Dossier) -> ProposalLetter | None:
    """The commune's proposal letter attached last (Điều 6.2.a), if any."""
    return (
        ProposalLetter.objects.filter(dossier_id=dossier.pk).order_by("-attached_at", "-pk").first()
    )


@transaction.atomic
def attach_letter(dossier: Dossier, *, actor, file=None) -> ProposalLetter:
    """Attach the commune's letter proposing the dossier to the province (Điều 6.2.a).

    ``file``: the signed letter, checked like evidence (``ocop.lib.uploads``); without one,
    the letter is generated from Mẫu 03 as a PDF. Either way it bears the number and date
    of the letter written in Mẫu 03, which must be filled first.
    """
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not rules.can_assess(actor, dossier):
        raise DossierError(_("Chỉ xã đang xem xét hồ sơ mới đính kèm được văn bản đề nghị."))
    assessment = CommuneAssessment.objects.filter(dossier=dossier).first()
    if assessment is None or not assessment.letter_number.strip() or not assessment.letter_date:
        raise DossierError(
            _("Hãy ghi số và ngày văn bản đề nghị vào Mẫu 03 trước khi đính kèm văn bản.")
        )
    generated = file is None
    if generated:
        file = ContentFile(forms_pdf.render(dossier, "letter"), name="van-ban-de-nghi.pdf")
    try:
        inspected = getattr(file, "inspected", None) or uploads.inspect(file)
    except uploads.UploadRefused as exc:
        raise DossierError(str(exc)) from None
    if inspected.kind not in LETTER_KINDS:
        raise DossierError(_("Văn bản đề nghị phải là tệp PDF, ảnh chụp hoặc tệp Word."))
    letter = ProposalLetter(
        dossier=dossier,
        number=assessment.letter_number.strip(),
        date=assessment.letter_date,
        generated=generated,
        attached_by=actor,
    )
    letter.describe(inspected, name=getattr(file, "name", "") or "")
    letter.file.save("letter", file, save=False)
    letter.save()
    record(
        "dossier.letter_attached",
        actor=actor,
        obj=dossier,
        changes={
            "letter_number": letter.number,
            "letter_date": letter.date.isoformat(),
            "generated": generated,
            "sha256": letter.sha256,
        },
    )
    return letter


def letter_problems(dossier: Dossier, assessment: CommuneAssessment) -> list[str]:
    """What is wrong with the attached letter: none, or not the one Mẫu 03 names."""
    letter = current_letter(dossier)
    if letter is None:
        return [_("Chưa đính kèm văn bản đề nghị của xã (tải lên bản đã ký hoặc tạo từ Mẫu 03).")]
    if (letter.number, letter.date) != (assessment.letter_number.strip(), assessment.letter_date):
        return [
            _(
                "Văn bản đề nghị đã đính kèm mang số %(number)s ngày %(date)s, khác với số và "
                "ngày ghi trong Mẫu 03: hãy đính kèm lại văn bản."
            )
            % {"number": letter.number, "date": letter.date.strftime("%d/%m/%Y")}
        ]
    return []


# --- the workflow ------------------------------------------------------------------------


def receipt_number(dossier: Dossier, office: Side, *, year: int) -> str:
    """``NN-NN/PĐK-<province>-<commune>-<year>`` as on Mẫu 01: the office's running number
    for the year, then the product set number."""
    scope = dossier.commune.code if office == Side.COMMUNE else dossier.province.code
    number = next_value(f"receipt:{office}:{scope}:{year}")
    return (
        f"{number:02d}-{dossier.criteria_set.product_set.number:02d}/PĐK-"
        f"{dossier.province.code}-{dossier.commune.code}-{year}"
    )


def round_for(day: dt.date) -> tuple[int, int]:
    """``(year, number)`` of the provincial round a proposal made on ``day`` falls in
    (Điều 5.1; ``ocop.legal.rounds.round_for`` decides)."""
    rnd = rounds.round_for(day, rounds.PROVINCE)
    return rnd.year, rnd.number


def proposal_day(dossier: Dossier) -> dt.date:
    """The day a dossier counts as proposed to the province, for its round (Điều 5.1).

    A first proposal counts from the date of the commune's letter (Mẫu 03), not from the day
    an officer pressed "propose". A dossier the province returned, which went back through
    the commune, counts from the day the commune proposed it again (``proposed_at``, stamped
    by that re-send), or from its letter if that is later. Without a letter date:
    ``proposed_at``, then today.
    """
    letter = (
        CommuneAssessment.objects.filter(dossier_id=dossier.pk)
        .values_list("letter_date", flat=True)
        .first()
    )
    sent = timezone.localdate(dossier.proposed_at) if dossier.proposed_at else None
    if letter is None:
        return sent or timezone.localdate()
    if dossier.resent_to_province and sent is not None:
        return max(letter, sent)
    return letter


def proposal_round(dossier: Dossier) -> rounds.RoundDates:
    """The provincial round the dossier falls in, from its ``proposal_day``: what accepting
    it gives unless the province names another round."""
    return rounds.round_for(proposal_day(dossier), rounds.PROVINCE)


def submission_problems(dossier: Dossier, version: DossierVersion, today=None) -> list[str]:
    """What stops a version from being submitted, in words for the producer: required fields
    of its kind, unanswered criteria, and what its kind asks for (``kinds``)."""
    problems = [
        _("Chưa điền “%(field)s” (%(section)s).") % {"field": f.label, "section": s.title}
        for s, f in dossier_content.missing(version.content, dossier.kind)
    ]
    unanswered = version.result.get("unanswered") or []
    if unanswered:
        problems.append(
            _("Còn %(n)s tiêu chí chưa tự chấm điểm (Phần III): %(codes)s.")
            % {"n": len(unanswered), "codes": ", ".join(unanswered[:8])}
        )
    return problems + kinds.submission_problems(dossier, version, today)


def assessment_problems(dossier: Dossier) -> list[str]:
    a = getattr(dossier, "assessment", None) or CommuneAssessment(dossier=dossier)
    problems = []
    for field in ("raw_materials", "labour", "idea_origin", "identity"):
        if not getattr(a, field).strip():
            problems.append(
                _("Mẫu 03 chưa có nội dung “%(item)s”.")
                % {"item": a._meta.get_field(field).verbose_name}
            )
    if not a.letter_number.strip() or a.letter_date is None:
        problems.append(_("Chưa có số và ngày văn bản đề nghị của xã."))
    else:
        problems += letter_problems(dossier, a)
    if dossier.criteria_set.product_set.samples_required and a.samples_received < SAMPLES_REQUIRED:
        problems.append(
            _("Chưa nhận đủ %(n)s sản phẩm mẫu (đã nhận %(got)s).")
            % {"n": SAMPLES_REQUIRED, "got": a.samples_received}
        )
    return problems


@transaction.atomic
def transition(
    dossier: Dossier,
    step: Step,
    *,
    actor,
    reason: str = "",
    round_=None,
    paper_set: bool = False,
) -> Dossier:
    """Take one step of the table in ``enums.TRANSITIONS``, or refuse and change nothing.

    ``reason``: what to complete (a return) or why (a withdrawal); ``round_``: ``(year,
    number)`` the province names on acceptance; ``paper_set``: the commune received the
    paper set with the electronic one (its receipt only, Điều 7.1).
    """
    dossier = (
        Dossier.objects.select_for_update()
        .select_related("commune__province", "province", "criteria_set__product_set", "product")
        .get(pk=dossier.pk)
    )
    step = Step(step)
    source = State(dossier.state)
    target = TRANSITIONS.get((source, step))
    if target is None:
        raise DossierError(
            _("Không thể “%(step)s” khi hồ sơ ở trạng thái “%(state)s”.")
            % {"step": step.label, "state": source.label}
        )
    if not rules.can_take(actor, dossier, step):
        raise DossierError(_("Bạn không có quyền thực hiện bước này với hồ sơ."))
    now = timezone.now()
    today = timezone.localdate()
    fields = ["state", "state_changed_at"]
    changes: dict = {"state": [source.value, target.value]}
    note = ""

    if step == Step.SUBMIT:
        version = open_version(dossier)
        problems = submission_problems(dossier, version)
        if problems:
            raise DossierError(" ".join(problems))
        _freeze(version, actor=actor, now=now)
        changes["version"] = version.number
        if target == State.SUBMITTED:  # to the commune (also after a province return):
            # a new 15-working-day clock at each (re)submission
            dossier.submitted_at = now
            dossier.commune_deadline = add_working_days(today, COMMUNE_DEADLINE_WORKING_DAYS)
            fields += ["submitted_at", "commune_deadline"]
            changes["commune_deadline"] = dossier.commune_deadline.isoformat()
    elif step == Step.RECEIVE:
        office = HOLDER[source]
        if office == Side.COMMUNE:  # what came this time: the paper set too, or not
            dossier.paper_set_received = bool(paper_set)
            fields.append("paper_set_received")
            changes["paper_set_received"] = dossier.paper_set_received
        if office == Side.COMMUNE and not dossier.commune_receipt_number:
            dossier.commune_receipt_number = receipt_number(dossier, office, year=today.year)
            dossier.commune_received_at, dossier.commune_received_by = now, actor
            fields += ["commune_receipt_number", "commune_received_at", "commune_received_by"]
            changes["receipt"] = dossier.commune_receipt_number
        elif office == Side.PROVINCE and not dossier.province_receipt_number:
            dossier.province_receipt_number = receipt_number(dossier, office, year=today.year)
            dossier.province_received_at, dossier.province_received_by = now, actor
            fields += ["province_receipt_number", "province_received_at", "province_received_by"]
            changes["receipt"] = dossier.province_receipt_number
        number = (
            dossier.commune_receipt_number
            if office == Side.COMMUNE
            else dossier.province_receipt_number
        )
        note = _("%(office)s đã tiếp nhận, phiếu số %(number)s.") % {
            "office": office.label,
            "number": number,
        }
    elif step == Step.RETURN:
        if not reason.strip():
            raise DossierError(_("Hãy ghi rõ nội dung cần bổ sung, hoàn thiện."))
        dossier.return_reason = note = reason.strip()
        fields.append("return_reason")
        changes["reason"] = note
        last = dossier.versions.order_by("-number").first()
        _copy_version(last, dossier=dossier, number=last.number + 1, actor=actor)
        changes["new_version"] = last.number + 1
    elif step == Step.PROPOSE:
        problems = assessment_problems(dossier)
        if problems:
            raise DossierError(" ".join(problems))
        if dossier.proposed_at is not None:  # proposed before: the province returned it, and
            # this is the re-send. Its round counts from today, not from a letter whose round
            # may have closed (Điều 5.1).
            dossier.resent_to_province = True
            fields.append("resent_to_province")
            changes["resent_to_province"] = True
            changes["proposed_at"] = now.isoformat()
        dossier.proposed_at = now
        fields.append("proposed_at")
        # The code carries the year of the evaluation the product is proposed for.
        code_year = proposal_round(dossier).year
        changes["product_code"] = assign_ocop_code(dossier.product, year=code_year)
    elif step == Step.ACCEPT:
        if round_ is None:
            rnd = proposal_round(dossier)
            round_ = rnd.year, rnd.number
        year, number = round_
        if number < 1 or not (2000 <= year <= 2100):
            raise DossierError(_("Đợt đánh giá không hợp lệ."))
        dossier.round_year, dossier.round_number, dossier.accepted_at = year, number, now
        fields += ["round_year", "round_number", "accepted_at"]
        changes["round"] = f"{number}/{year}"
        before = dossier.product.ocop_code
        after = set_ocop_code_year(dossier.product, year=year)  # the round's year (Phụ lục II)
        if after != before:
            changes["product_code"] = [before, after]
    elif step == Step.WITHDRAW:
        note = reason.strip()
        changes["reason"] = note

    dossier.state, dossier.state_changed_at = target, now
    dossier.save(update_fields=fields)
    record(f"dossier.{step.value}", actor=actor, obj=dossier, changes=changes)
    _notify(dossier, step, actor=actor, note=note)
    return dossier


def _freeze(version: DossierVersion, *, actor, now) -> None:
    dossier = version.dossier
    producer = dossier.producer
    version.producer_snapshot = {
        **snapshot(producer),
        "evidence": {
            str(link.document_id): {
                "title": link.document.title,
                "sha256": link.document.sha256,
                "expires_on": link.document.expires_on and link.document.expires_on.isoformat(),
            }
            for link in version.links.select_related("document")
        },
    }
    version.submitted_at, version.submitted_by = now, actor
    version.save()


def _notify(dossier: Dossier, step: Step, *, actor, note: str) -> None:
    """The producer hears of every step; the office that now holds the dossier is told."""
    recipients = list(accounts_of(dossier.producer))
    holder = HOLDER[State(dossier.state)]
    if holder == Side.COMMUNE or dossier.state == State.ACCEPTED:
        recipients += holders(Role.COMMUNE_OFFICER, commune=dossier.commune)
    if holder == Side.PROVINCE:
        recipients += holders(Role.PROVINCE_OFFICER, province=dossier.province)
    notify(
        recipients,
        f"dossier.{step.value}",
        subject=f"{dossier.product.name} ({dossier.code})",
        url=reverse("dossiers:detail", args=[dossier.code]),
        note=note,
        exclude=actor,
    )
