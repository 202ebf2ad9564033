"""The province's 5★ package to the ministry (Điều 6.3, 7.3.e, 7.4): prepared by the
provincial office once the Chairman approved a result of 90 points or more (or, for a 5★
product's re-evaluation, once the province accepted its dossier), sent with its letter,
received by the ministry's office against a checklist that refuses an incomplete package,
then scored by the central council. Below 90 points there, the province recognises 3★–4★
on the central result or has the product evaluated again (Điều 7.4.g).

Papers the system already holds are checked in the system (the council's report is its
closed result and minutes, the approval is the recorded decision, the product dossier is the
frozen dossier); the others are uploaded, the letter may be generated."""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.enums import Role
from ocop.accounts.queries import holders
from ocop.accounts.rules import officer_provinces
from ocop.audit.log import record
from ocop.dossiers.actions import SAMPLES_REQUIRED
from ocop.dossiers.enums import DossierKind
from ocop.dossiers.enums import State as DossierState
from ocop.dossiers.models import Dossier
from ocop.evaluation.enums import EvaluationState, Level
from ocop.evaluation.models import Evaluation
from ocop.lib import uploads
from ocop.notify.send import notify
from ocop.recognition import rules
from ocop.recognition.enums import (
    OPTIONAL_ITEMS,
    PACKAGE_ITEMS,
    UPLOADED_ITEMS,
    DecisionKind,
    DecisionState,
    LineAction,
    PackageItem,
    PackageKind,
    PackageState,
    ProvinceChoice,
)
from ocop.recognition.errors import RecognitionError
from ocop.recognition.models import DecisionLine, Package, PackageFile

FILE_KINDS = {"pdf", "jpeg", "png", "webp", "docx", "xlsx"}


@dataclass(frozen=True)
class Check:
    item: PackageItem
    required: bool
    present: bool
    detail: str = ""
    url: str = ""
    uploadable: bool = False


def samples_needed(package: Package) -> int:
    return SAMPLES_REQUIRED if package.dossier.criteria_set.product_set.samples_required else 0


def items_of(package: Package) -> list[PackageItem]:
    items = list(PACKAGE_ITEMS[PackageKind(package.kind)])
    if not samples_needed(package):
        items.remove(PackageItem.SAMPLES)  # Điều 6.3: none for community tourism
    return items


def uploadable(package: Package) -> list[PackageItem]:
    return [i for i in items_of(package) if i in UPLOADED_ITEMS]


def latest_files(package: Package) -> dict[str, PackageFile]:
    out: dict[str, PackageFile] = {}
    for f in package.files.order_by("-attached_at", "-pk"):
        out.setdefault(f.item, f)
    return out


def province_evaluation(package: Package) -> Evaluation | None:
    return package.approval.evaluation if package.approval_id else None


def checklist(package: Package) -> list[Check]:
    """Each paper of Điều 6.3.a or 6.3.b: whether the package holds it, and where."""
    files = latest_files(package)
    evaluation = province_evaluation(package)
    checks = []
    for item in items_of(package):
        f = files.get(item)
        file_url = reverse("recognition:package_file", args=[package.code, f.pk]) if f else ""
        present, detail, url = bool(f), (f.original_name if f else ""), file_url
        if item == PackageItem.LETTER:
            present = bool(f) and bool(package.letter_number.strip() and package.letter_date)
            detail = (
                _("Số %(number)s ngày %(date)s")
                % {
                    "number": package.letter_number,
                    "date": package.letter_date.strftime("%d/%m/%Y"),
                }
                if package.letter_number and package.letter_date
                else _("Chưa ghi số, ngày văn bản")
            )
        elif item == PackageItem.ADVISORY_REPORT and not f and evaluation is not None:
            report = evaluation.advisory_reports.order_by("-filed_at", "-pk").first()
            if report is not None:
                present, detail = (
                    True,
                    _("Báo cáo của Tổ tư vấn trên hệ thống, %(date)s")
                    % {"date": timezone.localtime(report.filed_at).strftime("%d/%m/%Y")},
                )
                url = reverse("evaluation:advisory", args=[evaluation.code])
        elif item == PackageItem.COUNCIL_REPORT and evaluation is not None:
            present = evaluation.state == EvaluationState.CLOSED
            detail = _("Kết quả và biên bản của Hội đồng, %(total)s điểm") % {
                "total": evaluation.result.get("total", "")
            }
            url = reverse("evaluation:minutes_pdf", args=[evaluation.round.code])
        elif item == PackageItem.APPROVAL and package.approval_id:
            line = package.approval
            present = (
                DecisionLine.objects.standing()
                .filter(pk=line.pk, decision__state=DecisionState.RECORDED)
                .exists()
            )
            detail = _("Quyết định số %(number)s") % {"number": line.decision.number}
            url = reverse("recognition:decision", args=[line.decision.code])
        elif item == PackageItem.PRODUCT_DOSSIER:
            present = package.dossier.state == DossierState.ACCEPTED
            detail = package.dossier.code
            url = reverse("dossiers:detail", args=[package.dossier.code])
        elif item == PackageItem.SAMPLES:
            present = package.samples_sent >= samples_needed(package)
            detail = _("%(n)s sản phẩm mẫu") % {"n": package.samples_sent}
            url = ""
        checks.append(
            Check(
                item=item,
                required=item not in OPTIONAL_ITEMS,
                present=present,
                detail=detail,
                url=url,
                uploadable=item in UPLOADED_ITEMS,
            )
        )
    return checks


def missing(package: Package) -> list[PackageItem]:
    return [c.item for c in checklist(package) if c.required and not c.present]


def _names(items) -> str:
    return "; ".join(str(PackageItem(i).label) for i in items)


def _central_officers():
    return holders(Role.CENTRAL_OFFICER)


def _province_officers(package):
    return holders(Role.PROVINCE_OFFICER, province=package.province)


# --- preparing ---------------------------------------------------------------------------


def open_approvals(province_ids):
    """Recorded approvals of a ≥ 90 result, still standing, with no package yet."""
    has_package = Package.objects.filter(approval=OuterRef("pk"))
    return (
        DecisionLine.objects.standing()
        .filter(
            action=LineAction.APPROVE,
            decision__state=DecisionState.RECORDED,
            decision__province_id__in=province_ids,
        )
        .exclude(Exists(has_package))
        .select_related("decision", "evaluation__dossier")
    )


def five_star_lines():
    """Lines that recognise a product as 5★ (the Minister's decisions), still standing."""
    return DecisionLine.objects.standing().filter(
        action=LineAction.RECOGNISE,
        decision__kind=DecisionKind.MINISTRY,
        decision__state=DecisionState.RECORDED,
    )


def five_star_reevaluations(province_ids=None):
    """Accepted re-evaluation dossiers of 5★ products: the province sends them to the
    ministry (Điều 6.3.b, 7.6.e), not to its own council."""
    qs = Dossier.objects.filter(
        kind=DossierKind.RE_EVALUATION,
        state=DossierState.ACCEPTED,
        based_on__in=five_star_lines().values("evaluation__dossier_id"),
    )
    if province_ids is not None:
        qs = qs.filter(province_id__in=province_ids)
    return qs


def open_reevaluations(province_ids):
    has_package = Package.objects.filter(dossier=OuterRef("pk"))
    return five_star_reevaluations(province_ids).exclude(Exists(has_package))


@transaction.atomic
def open_package(*, actor, approval: DecisionLine | None = None, dossier=None) -> Package:
    """A draft package, from an approval line (Điều 6.3.a) or from a 5★ product's accepted
    re-evaluation dossier (Điều 6.3.b)."""
    if approval is not None:
        if not open_approvals([approval.decision.province_id]).filter(pk=approval.pk).exists():
            raise RecognitionError(
                _("Chỉ lập hồ sơ gửi Bộ cho kết quả đã được phê duyệt và chưa có hồ sơ.")
            )
        province_id, kind, dossier = (
            approval.decision.province_id,
            PackageKind.FIRST,
            approval.evaluation.dossier,
        )
    elif dossier is not None:
        if not open_reevaluations([dossier.province_id]).filter(pk=dossier.pk).exists():
            raise RecognitionError(
                _("Chỉ hồ sơ đánh giá lại của sản phẩm 5 sao đã được tỉnh tiếp nhận mới gửi Bộ.")
            )
        province_id, kind = dossier.province_id, PackageKind.RE_EVALUATION
    else:
        raise RecognitionError(_("Hãy chọn sản phẩm."))
    if province_id not in officer_provinces(actor):
        raise RecognitionError(_("Chỉ cơ quan quản lý OCOP của tỉnh mới lập hồ sơ gửi Bộ."))
    package = Package.objects.create(
        province_id=province_id,
        kind=kind,
        dossier=dossier,
        approval=approval,
        samples_sent=0,
        created_by=actor,
    )
    record(
        "package.opened",
        actor=actor,
        obj=package,
        changes={
            "package_kind": kind.value,
            "product": dossier.product.name,
            "dossier": dossier.code,
        },
    )
    return package


def _editable(package: Package, actor) -> Package:
    package = Package.objects.select_for_update().get(pk=package.pk)
    if not rules.can_prepare(actor, package):
        raise RecognitionError(_("Chỉ cơ quan quản lý OCOP của tỉnh mới sửa hồ sơ này."))
    if package.state not in (PackageState.DRAFT, PackageState.RETURNED):
        raise RecognitionError(_("Hồ sơ đã gửi Bộ; không sửa được."))
    return package


@transaction.atomic
def save_heading(package, *, actor, letter_number, letter_date, letter_signer, samples_sent):
    package = _editable(package, actor)
    if not letter_number.strip() or letter_date is None:
        raise RecognitionError(_("Hãy ghi số và ngày văn bản của UBND tỉnh."))
    if samples_sent < 0 or samples_sent > 100:
        raise RecognitionError(_("Số sản phẩm mẫu không hợp lệ."))
    before = {
        "letter_number": package.letter_number,
        "samples_sent": package.samples_sent,
    }
    package.letter_number = letter_number.strip()
    package.letter_date = letter_date
    package.letter_signer = letter_signer.strip()
    package.samples_sent = samples_sent
    package.save(update_fields=["letter_number", "letter_date", "letter_signer", "samples_sent"])
    record(
        "package.updated",
        actor=actor,
        obj=package,
        changes={
            "letter_number": [before["letter_number"], package.letter_number],
            "samples_sent": [before["samples_sent"], package.samples_sent],
        },
    )
    return package


@transaction.atomic
def attach(package, item, *, actor, file=None) -> PackageFile:
    """Attach a paper the province holds; without a file, the letter is generated."""
    package = _editable(package, actor)
    try:
        item = PackageItem(item)
    except ValueError:
        raise RecognitionError(_("Giấy tờ không hợp lệ.")) from None
    if item not in UPLOADED_ITEMS or item not in items_of(package):
        raise RecognitionError(_("Giấy tờ này không tải lên được cho hồ sơ này."))
    generated = file is None
    if generated:
        if item != PackageItem.LETTER:
            raise RecognitionError(_("Hãy chọn tệp để tải lên."))
        if not package.letter_number or not package.letter_date:
            raise RecognitionError(_("Hãy ghi số và ngày văn bản của UBND tỉnh trước."))
        from ocop.recognition import documents

        file = ContentFile(documents.render_letter(package), name="van-ban-de-nghi-bo.pdf")
    try:
        inspected = getattr(file, "inspected", None) or uploads.inspect(file)
    except uploads.UploadRefused as exc:
        raise RecognitionError(str(exc)) from None
    if inspected.kind not in FILE_KINDS:
        raise RecognitionError(_("Hãy tải lên tệp PDF, ảnh chụp, tệp Word hoặc Excel."))
    stored = PackageFile(package=package, item=item, generated=generated, attached_by=actor)
    stored.describe(inspected, name=getattr(file, "name", "") or "")
    stored.file.save("paper", file, save=False)
    stored.save()
    record(
        "package.file_attached",
        actor=actor,
        obj=package,
        changes={"item": item.value, "generated": generated, "sha256": stored.sha256},
    )
    return stored


@transaction.atomic
def send(package, *, actor) -> Package:
    """Send the package to the ministry: refused while a required paper is missing."""
    package = _editable(package, actor)
    gaps = missing(package)
    if gaps:
        raise RecognitionError(_("Hồ sơ còn thiếu: %(items)s.") % {"items": _names(gaps)})
    package.state, package.sent_at, package.return_reason = PackageState.SENT, timezone.now(), ""
    package.save(update_fields=["state", "sent_at", "return_reason"])
    record("package.sent", actor=actor, obj=package, changes={"letter": package.letter_number})
    notify(
        list(_central_officers()),
        "package.sent",
        subject=_("Đề nghị đánh giá 5 sao: %(name)s (%(province)s)")
        % {"name": package.dossier.product.name, "province": package.province.name},
        url=reverse("recognition:package", args=[package.code]),
        note=package.get_kind_display(),
        exclude=actor,
    )
    return package


# --- the ministry's office ---------------------------------------------------------------


def _at_ministry(package, actor, state) -> Package:
    package = Package.objects.select_for_update().get(pk=package.pk)
    if not rules.can_receive(actor):
        raise RecognitionError(_("Chỉ cơ quan quản lý OCOP của Bộ mới tiếp nhận hồ sơ này."))
    if package.state != state:
        raise RecognitionError(_("Hồ sơ không ở trạng thái chờ tiếp nhận."))
    return package


@transaction.atomic
def receive(package, *, actor, confirmed, samples_received: int) -> Package:
    """Receive the package (Điều 7.4.a): every required paper must be in the package and
    ticked by the officer who checked it, and the samples counted; otherwise refused with
    what is missing, and nothing changes (the officer may return it)."""
    package = _at_ministry(package, actor, PackageState.SENT)
    confirmed = {str(c) for c in confirmed}
    needed = samples_needed(package)
    gaps = [
        c.item
        for c in checklist(package)
        if c.required
        and c.item != PackageItem.SAMPLES
        and not (c.present and c.item.value in confirmed)
    ]
    if needed and samples_received < needed:
        gaps.append(PackageItem.SAMPLES)
    if gaps:
        raise RecognitionError(
            _("Hồ sơ chưa đủ để tiếp nhận: %(items)s. Hãy trả lại tỉnh để bổ sung.")
            % {"items": _names(gaps)}
        )
    package.state, package.received_at, package.received_by = (
        PackageState.RECEIVED,
        timezone.now(),
        actor,
    )
    package.samples_received = samples_received
    package.save(update_fields=["state", "received_at", "received_by", "samples_received"])
    record(
        "package.received",
        actor=actor,
        obj=package,
        changes={"samples": samples_received, "items": sorted(confirmed)},
    )
    notify(
        list(_province_officers(package)),
        "package.received",
        subject=_("Bộ đã tiếp nhận hồ sơ: %(name)s") % {"name": package.dossier.product.name},
        url=reverse("recognition:package", args=[package.code]),
        note="",
        exclude=actor,
    )
    return package


@transaction.atomic
def return_package(package, *, actor, reason: str) -> Package:
    package = _at_ministry(package, actor, PackageState.SENT)
    if not reason.strip():
        raise RecognitionError(_("Hãy ghi nội dung cần bổ sung."))
    package.state, package.return_reason = PackageState.RETURNED, reason.strip()
    package.save(update_fields=["state", "return_reason"])
    record("package.returned", actor=actor, obj=package, changes={"reason": reason.strip()})
    notify(
        list(_province_officers(package)),
        "package.returned",
        subject=_("Bộ trả lại hồ sơ để bổ sung: %(name)s") % {"name": package.dossier.product.name},
        url=reverse("recognition:package", args=[package.code]),
        note=reason.strip(),
        exclude=actor,
    )
    return package


# --- the central result ------------------------------------------------------------------


def central_evaluation(package: Package) -> Evaluation | None:
    """The central council's evaluation of the package's dossier, after its receipt."""
    if package.received_at is None:
        return None
    return (
        Evaluation.objects.filter(
            dossier=package.dossier,
            round__council__level=Level.CENTRAL,
            added_at__gte=package.received_at,
        )
        .select_related("round__council")
        .order_by("-added_at")
        .first()
    )


def below_five(package: Package) -> Evaluation | None:
    """The central result when it is closed under 5★ and the ministry has told the province
    (its notice): what Điều 7.4.g lets the province act on."""
    e = central_evaluation(package)
    if e is None or e.state != EvaluationState.CLOSED or int(e.result.get("stars") or 0) >= 5:
        return None
    return e if hasattr(e, "notice") else None


@transaction.atomic
def choose(package, *, actor, choice) -> Package:
    """Điều 7.4.g: record what the province does after a central result below 90 points."""
    package = Package.objects.select_for_update().get(pk=package.pk)
    if not rules.can_prepare(actor, package):
        raise RecognitionError(_("Chỉ cơ quan quản lý OCOP của tỉnh mới quyết định việc này."))
    result = below_five(package)
    if result is None:
        raise RecognitionError(_("Chưa có thông báo kết quả dưới 90 điểm của Bộ."))
    try:
        choice = ProvinceChoice(choice)
    except ValueError:
        raise RecognitionError(_("Hãy chọn hướng xử lý.")) from None
    if package.choice:
        raise RecognitionError(_("Tỉnh đã chọn hướng xử lý cho sản phẩm này."))
    if choice == ProvinceChoice.RECOGNISE and int(result.result.get("stars") or 0) < 3:
        raise RecognitionError(
            _("Kết quả của Hội đồng cấp trung ương dưới 3 sao: không công nhận được.")
        )
    package.choice, package.choice_at = choice, timezone.now()
    package.save(update_fields=["choice", "choice_at"])
    record("package.chosen", actor=actor, obj=package, changes={"choice": choice.value})
    return package


# --- sources for the evaluation layer ----------------------------------------------------


def central_candidates(rnd):
    """Dossiers of received packages not yet scored by a central council since."""
    if rnd.council.level != Level.CENTRAL:
        return Dossier.objects.none()
    scored = Evaluation.objects.filter(
        dossier=OuterRef("dossier_id"),
        round__council__level=Level.CENTRAL,
        added_at__gte=OuterRef("received_at"),
    )
    received = Package.objects.filter(state=PackageState.RECEIVED).exclude(Exists(scored))
    return Dossier.objects.filter(pk__in=received.values("dossier_id"))


def province_again(rnd):
    """Products the province chose to evaluate again after the ministry's result (Điều
    7.4.g), not yet in one of its rounds since; and nothing else."""
    if rnd.council.level != Level.PROVINCE:
        return Dossier.objects.none()
    scored = Evaluation.objects.filter(
        dossier=OuterRef("dossier_id"),
        round__council__level=Level.PROVINCE,
        added_at__gte=OuterRef("choice_at"),
    )
    again = Package.objects.filter(
        province_id=rnd.council.province_id, choice=ProvinceChoice.RE_EVALUATE
    ).exclude(Exists(scored))
    return Dossier.objects.filter(pk__in=again.values("dossier_id"))


def held_back(rnd):
    """A 5★ product's re-evaluation goes to the ministry, not the provincial council."""
    if rnd.council.level != Level.PROVINCE:
        return Dossier.objects.none()
    return five_star_reevaluations([rnd.council.province_id])


def received_on(rnd, dossier):
    """Điều 7.6.g: at the ministry the 45 days count from the complete package's receipt."""
    if rnd.council.level != Level.CENTRAL:
        return None
    package = (
        Package.objects.filter(dossier=dossier, state=PackageState.RECEIVED)
        .order_by("-received_at")
        .first()
    )
    return timezone.localdate(package.received_at) if package else None
