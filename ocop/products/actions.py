"""Every change to products, product ideas and business plans: audited, one transaction each."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts import rules
from ocop.audit.log import diff, record, snapshot
from ocop.producers.actions import may_use_product_set
from ocop.products.counters import next_value
from ocop.products.models import BusinessPlan, Product, ProductIdea, ReviewState

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
    if not rules.can_edit_producer(actor, producer):
        raise ProductError(_("Bạn không có quyền thêm sản phẩm cho chủ thể này."))
    product = _validated(Product(producer=producer, created_by=actor, **fields))
    _check_set(producer, product.product_set)
    product.save()
    product.photos.set([p for p in photos if p.producer_id == producer.pk])
    record("product.created", actor=actor, obj=product, changes=snapshot(product, ["name"]))
    return product


@transaction.atomic
def update_product(product: Product, *, actor, photos=None, **fields) -> Product:
    if not rules.can_edit_producer(actor, product.producer):
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

    Called inside the commune's proposal; a product keeps its first code for good.
    """
    if product.ocop_code:
        return product.ocop_code
    commune = product.producer.commune
    number = next_value(f"product:{commune.code}")
    product.ocop_code = f"{commune.province.code}-{commune.code}-{number:03d}-{year}"
    product.save(update_fields=["ocop_code"])
    record("product.coded", obj=product, changes={"ocop_code": product.ocop_code})
    return product.ocop_code


# --- product ideas and business plans (cycle steps 2–3) ----------------------------------


@transaction.atomic
def submit_idea(producer, *, actor, name, description, origin="", product_set=None):
    if not rules.can_edit_producer(actor, producer):
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


def can_review(actor, producer) -> bool:
    """Commune officers of the producer's commune review ideas and plans."""
    return producer.commune_id in rules.officer_communes(actor)


@transaction.atomic
def review_idea(idea: ProductIdea, *, actor, accept: bool, reason: str = "") -> ProductIdea:
    idea = ProductIdea.objects.select_for_update().get(pk=idea.pk)
    if not can_review(actor, idea.producer):
        raise ProductError(_("Chỉ cán bộ OCOP của xã nơi chủ thể đăng ký mới xem xét ý tưởng."))
    if idea.state != ReviewState.SUBMITTED:
        raise ProductError(_("Ý tưởng này đã được xem xét."))
    if not accept and not reason.strip():
        raise ProductError(_("Hãy ghi lý do trả lại để chủ thể biết cần làm gì."))
    idea.state = ReviewState.ACCEPTED if accept else ReviewState.RETURNED
    idea.reason = "" if accept else reason.strip()
    idea.reviewed_by, idea.reviewed_at = actor, timezone.now()
    idea.save(update_fields=["state", "reason", "reviewed_by", "reviewed_at"])
    record(
        "idea.accepted" if accept else "idea.returned",
        actor=actor,
        obj=idea,
        changes={"state": [ReviewState.SUBMITTED, idea.state], "reason": idea.reason},
    )
    return idea


@transaction.atomic
def submit_plan(idea: ProductIdea, *, actor, kind, summary, document=None) -> BusinessPlan:
    if not rules.can_edit_producer(actor, idea.producer):
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


@transaction.atomic
def review_plan(plan: BusinessPlan, *, actor, accept: bool, comment: str = "") -> BusinessPlan:
    plan = BusinessPlan.objects.select_for_update().select_related("idea__producer").get(pk=plan.pk)
    if not can_review(actor, plan.idea.producer):
        raise ProductError(_("Chỉ cán bộ OCOP của xã nơi chủ thể đăng ký mới xem xét phương án."))
    if plan.state != ReviewState.SUBMITTED:
        raise ProductError(_("Phương án này đã được xem xét."))
    if not accept and not comment.strip():
        raise ProductError(_("Hãy ghi nhận xét để chủ thể biết cần sửa gì."))
    plan.state = ReviewState.ACCEPTED if accept else ReviewState.RETURNED
    plan.comment = comment.strip()
    plan.reviewed_by, plan.reviewed_at = actor, timezone.now()
    plan.save(update_fields=["state", "comment", "reviewed_by", "reviewed_at"])
    record(
        "plan.accepted" if accept else "plan.returned",
        actor=actor,
        obj=plan,
        changes={"state": [ReviewState.SUBMITTED, plan.state], "comment": plan.comment},
    )
    return plan
