"""Products of a producer, product ideas and business plans (OCOP cycle steps 2–3).

A product is classified by a product set of Phụ lục I (``ocop.legal.models.ProductSet``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.legal.models import ProductSet
from ocop.lib.codes import opaque_code
from ocop.products.enums import ReviewState


def _code(prefix: str) -> str:
    return opaque_code(prefix)


def new_product_code() -> str:
    """Opaque public identifier, e.g. ``SP-7F3K9Q2M``."""
    return _code("SP-")


def new_idea_code() -> str:
    return _code("YT-")


class Product(models.Model):
    """A product (or community-tourism service) of a producer. Variants are separate products."""

    code = models.CharField(max_length=12, unique=True, default=new_product_code, editable=False)
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.PROTECT, related_name="products"
    )
    product_set = models.ForeignKey(
        ProductSet, verbose_name=_("bộ sản phẩm"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("tên sản phẩm"), max_length=200)
    description = models.TextField(_("mô tả sản phẩm"), blank=True)
    specifications = models.TextField(_("quy cách, khối lượng, đóng gói"), blank=True)
    standard = models.CharField(_("tiêu chuẩn công bố"), max_length=200, blank=True)
    ingredients = models.TextField(_("thành phần, nguồn gốc nguyên liệu"), blank=True)
    story = models.TextField(_("câu chuyện sản phẩm"), blank=True)
    photos = models.ManyToManyField(
        "producers.EvidenceDocument",
        verbose_name=_("ảnh sản phẩm, bao bì, nhãn"),
        blank=True,
        related_name="+",
    )
    # T-X-STT-YYYY: province code, commune code, number kept per commune, year. Given when the
    # commune first proposes the product to the province; T-X-STT never changes afterwards,
    # the year is that of the evaluation round it was last accepted for.
    # NULL (not "") until given, so that uniqueness holds only among given codes.
    ocop_code = models.CharField(  # noqa: DJ001
        _("mã sản phẩm OCOP"), max_length=20, unique=True, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("sản phẩm")
        verbose_name_plural = _("sản phẩm")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProductIdea(models.Model):
    """Phiếu đăng ký ý tưởng sản phẩm (cycle step 2): the commune accepts or returns it."""

    code = models.CharField(max_length=12, unique=True, default=new_idea_code, editable=False)
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.PROTECT, related_name="ideas"
    )
    name = models.CharField(_("tên ý tưởng sản phẩm"), max_length=200)
    product_set = models.ForeignKey(
        ProductSet,
        verbose_name=_("bộ sản phẩm dự kiến"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("mô tả ý tưởng"))
    origin = models.TextField(_("nguồn gốc ý tưởng (truyền thống, mới)"), blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=ReviewState.choices, default="submitted"
    )
    review_note = models.TextField(_("nhận xét, lý do trả lại"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("ngày xem xét"), null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("ý tưởng sản phẩm")
        verbose_name_plural = _("ý tưởng sản phẩm")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name


class BusinessPlan(models.Model):
    """Phương án / dự án sản xuất kinh doanh (cycle step 3), attached to an idea, reviewed."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Phương án sản xuất kinh doanh")
        PROJECT = "project", _("Dự án sản xuất kinh doanh")

    idea = models.ForeignKey(ProductIdea, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices, default="plan")
    summary = models.TextField(_("tóm tắt phương án"))
    document = models.ForeignKey(
        "producers.EvidenceDocument",
        verbose_name=_("tệp phương án"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=ReviewState.choices, default="submitted"
    )
    review_note = models.TextField(_("nhận xét, lý do trả lại"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("ngày xem xét"), null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phương án sản xuất kinh doanh")
        verbose_name_plural = _("phương án sản xuất kinh doanh")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.idea}"

    @property
    def producer(self):
        return self.idea.producer
