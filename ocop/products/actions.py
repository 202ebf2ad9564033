"""Every change to products, product ideas and business plans: audited, one transaction each."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.audit.log import diff, record, snapshot
from ocop.lib.counters import next_value
from ocop.producers.actions import may_use_product_set
from ocop.producers.rules import can_edit_producer
from ocop.products import rules
from ocop.products.enums import NOTE_REQUIRED, REVIEW_TRANSITIONS, ReviewState, ReviewStep
from ocop.products.models import BusinessPlan, Product, ProductIdea

PRODUCT_FIELDS = [
    "product_set",
    "name",
    "description",
    "specifications",
    "standard",
    "ingredients",
    "story",
]


class ProductError(Exception):
    """A product action was refused; the message says why, in the user's language."""


def _check_set(producer, product_set) -> None:
    if not may_use_product_set(producer, product_set.number):
        raise ProductError(
            _(
                "Loại hình “%(type)s” chỉ được đăng ký sản phẩm dịch vụ du lịch cộng đồng "
                "(bộ số 26)."
            )
            % {"type": producer.get_legal_type_display()}
        )


def _validated(product: Product) -> Product:
    try:
        product.full_clean(exclude=["producer", "created_by", "ocop_code"])
    except ValidationError as exc:
        raise ProductError("; ".join(m for ms in exc.message_dict.values() for m in ms)) from None
    return product


@transaction.atomic
def create_product(producer, *, actor, photos=(), **fields) -> Product:
    if not can_edit_producer(actor, producer):
        raise ProductError(_("Bạn không có quyền thêm sản phẩm cho chủ thể này."))
    product = _validated(Product(producer=producer, created_by=actor, **fields))
    _check_set(producer, product.product_set)
    product.save()
    product.photos.set([p for p in photos if p.producer_id == producer.pk])
    record("product.created", actor=actor, obj=product, changes=snapshot(product, ["name"]))
    return product


@transaction.atomic
def update_product(product: Product, *, actor, photos=None, **fields) -> Product:
    if not can_edit_producer(actor, product.producer):
        raise ProductError(_("Bạn không có quyền sửa sản phẩm này."))
    unknown = set(fields) - set(PRODUCT_FIELDS)
    if unknown:
        raise ProductError(_("Không sửa được: %(fields)s.") % {"fields": ", ".join(unknown)})
    if (
        "product_set" in fields
        and fields["product_set"] != product.product_set
        and product.dossiers.exists()
    ):
        raise ProductError(_("Sản phẩm đã có hồ sơ nên không đổi được bộ sản phẩm."))
    before = snapshot(product, fields)
    for name, value in fields.items():
        setattr(product, name, value)
    _validated(product)
    _check_set(product.producer, product.product_set)
    changes = diff(before, snapshot(product, fields))
    if changes:
        product.save(update_fields=list(fields))
    if photos is not None:
        new = {p.pk for p in photos if p.producer_id == product.producer_id}
        if new != set(product.photos.values_list("pk", flat=True)):
            product.photos.set(new)
            changes["photos"] = len(new)
    if changes:
        record("product.updated", actor=actor, obj=product, changes=changes)
    return product


def assign_ocop_code(product: Product, *, year: int) -> str:
    """``T-X-STT-YYYY``: province code, commune code, the commune's next number, year.

    Called inside the commune's proposal with the year of the evaluation it is proposed for.
    The number (T-X-STT) is given once and kept for good; the year follows the evaluation
    (``set_ocop_code_year``).
    """
    if product.ocop_code:
        return product.ocop_code
    commune = product.producer.commune
    number = next_value(f"product:{commune.code}")
    product.ocop_code = f"{commune.province.code}-{commune.code}-{number:03d}-{year}"
    product.save(update_fields=["ocop_code"])
    record("product.coded", obj=product, changes={"ocop_code": product.ocop_code})
    return product.ocop_code


@transaction.atomic
def set_ocop_code_year(product: Product, *, year: int) -> str | None:
    """The code's year becomes ``year``, the year of the evaluation round the product was
    accepted for (Phụ lục II header "Năm đánh giá"); T-X-STT stays. None without a code."""
    if not product.ocop_code:
        return None
    stem, _old_year = product.ocop_code.rsplit("-", 1)
    code = f"{stem}-{year}"
    if code != product.ocop_code:
        before, product.ocop_code = product.ocop_code, code
        product.save(update_fields=["ocop_code"])
        record("product.coded", obj=product, changes={"ocop_code": [before, code]})
    return product.ocop_code


# --- product ideas and business plans (cycle steps 2–3) ----------------------------------


@transaction.atomic
def submit_idea(producer, *, actor, name, description, origin="", product_set=None):
    if not can_edit_producer(actor, producer):
        raise ProductError(_("Bạn không có quyền đăng ký ý tưởng cho chủ thể này."))
    if not name.strip() or not description.strip():
        raise ProductError(_("Hãy nhập tên và mô tả ý tưởng sản phẩm."))
    if product_set is not None:
        _check_set(producer, product_set)
    idea = ProductIdea.objects.create(
        producer=producer,
        name=name.strip(),
        description=description,
        origin=origin,
        product_set=product_set,
        created_by=actor,
    )
    record("idea.submitted", actor=actor, obj=idea, changes={"name": idea.name})
    return idea


# What the review of each kind of item says, and the area of its audit verbs.
REVIEWED = {
    ProductIdea: {
        "area": "idea",
        "not_yours": gettext_lazy(
            "Chỉ cán bộ OCOP của xã nơi chủ thể đăng ký mới xem xét ý tưởng."
        ),
        "no_note": gettext_lazy("Hãy ghi lý do trả lại để chủ thể biết cần làm gì."),
    },
    BusinessPlan: {
        "area": "plan",
        "not_yours": gettext_lazy(
            "Chỉ cán bộ OCOP của xã nơi chủ thể đăng ký mới xem xét phương án."
        ),
        "no_note": gettext_lazy("Hãy ghi nhận xét để chủ thể biết cần sửa gì."),
    },
}
DONE = {ReviewStep.ACCEPT: "accepted", ReviewStep.RETURN: "returned"}


@transaction.atomic
def review(item, step: ReviewStep | str, *, actor, note: str = ""):
    """Take one step of ``enums.REVIEW_TRANSITIONS`` on an idea or a business plan, or refuse
    and change nothing. The one way an idea or a plan changes state."""
    model = type(item)
    spec = REVIEWED[model]
    item = model.objects.select_for_update().get(pk=item.pk)
    step = ReviewStep(step)
    source = ReviewState(item.state)
    target = REVIEW_TRANSITIONS.get((source, step))
    if target is None:
        raise ProductError(
            _("Không thể “%(step)s” khi đã ở trạng thái “%(state)s”.")
            % {"step": step.label, "state": source.label}
        )
    if not rules.can_review(actor, item.producer):
        raise ProductError(str(spec["not_yours"]))
    if step in NOTE_REQUIRED and not note.strip():
        raise ProductError(str(spec["no_note"]))
    item.state, item.review_note = target, note.strip()
    item.reviewed_by, item.reviewed_at = actor, timezone.now()
    item.save(update_fields=["state", "review_note", "reviewed_by", "reviewed_at"])
    record(
        f"{spec['area']}.{DONE[step]}",
        actor=actor,
        obj=item,
        changes={"state": [source.value, target.value], "review_note": item.review_note},
    )
    return item


@transaction.atomic
def submit_plan(idea: ProductIdea, *, actor, kind, summary, document=None) -> BusinessPlan:
    if not can_edit_producer(actor, idea.producer):
        raise ProductError(_("Bạn không có quyền nộp phương án cho chủ thể này."))
    if idea.state != ReviewState.ACCEPTED:
        raise ProductError(_("Chỉ nộp phương án cho ý tưởng đã được xã chấp nhận."))
    if not summary.strip():
        raise ProductError(_("Hãy nhập tóm tắt phương án."))
    if document is not None and document.producer_id != idea.producer_id:
        raise ProductError(_("Tệp phương án phải thuộc thư viện của chủ thể."))
    plan = BusinessPlan.objects.create(idea=idea, kind=kind, summary=summary, document=document)
    record("plan.submitted", actor=actor, obj=plan, changes={"idea": idea.name})
    return plan
