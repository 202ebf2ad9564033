"""What a producer shows the public (its story, photos, shop links) and the officer's
moderation of it.

``ProducerListing`` and ``ProductListing`` hold what is *published*: the catalogue reads only
these. A producer's edit is a ``ListingChange`` that an officer of the producer's province
approves (then it is copied onto the listing) or declines with a reason; when the province
has turned moderation off (``ModerationSetting``) the change is approved at once, by the
system. An officer may hide a listing with a reason; a hidden product leaves the catalogue.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ocop.lib.codes import opaque_code
from ocop.places.models import Province
from ocop.producers.models import EvidenceDocument, Producer
from ocop.products.models import Product


class Hideable(models.Model):
    hidden_at = models.DateTimeField(_("ẩn lúc"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.TextField(_("lý do ẩn"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class ProducerListing(Hideable):
    """The producer's published profile. Contact details are shown only when the producer
    chose to (``show_phone``, ``show_email``): private by default."""

    producer = models.OneToOneField(Producer, on_delete=models.CASCADE, related_name="listing")
    profile = models.TextField(_("giới thiệu"), blank=True)
    # [{"kind": "shopee", "url": "https://shopee.vn/..."}], checked by ``listings.links``.
    shop_links = models.JSONField(_("nơi bán trực tuyến"), default=list, blank=True)
    show_phone = models.BooleanField(_("công khai số điện thoại"), default=False)
    show_email = models.BooleanField(_("công khai e-mail"), default=False)

    class Meta:
        verbose_name = _("thông tin công khai của chủ thể")
        verbose_name_plural = _("thông tin công khai của chủ thể")

    def __str__(self):
        return str(self.producer)


class ProductListing(Hideable):
    """A product's published story, photos (images of the producer's evidence library) and
    shop links."""

    product = models.OneToOneField(Product, on_delete=models.CASCADE, related_name="listing")
    story = models.TextField(_("câu chuyện sản phẩm"), blank=True)
    photos = models.ManyToManyField(EvidenceDocument, blank=True, related_name="+")
    shop_links = models.JSONField(_("nơi bán trực tuyến"), default=list, blank=True)

    class Meta:
        verbose_name = _("thông tin công khai của sản phẩm")
        verbose_name_plural = _("thông tin công khai của sản phẩm")

    def __str__(self):
        return str(self.product)


class ChangeState(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    DECLINED = "declined", _("Không duyệt")
    WITHDRAWN = "withdrawn", _("Đã rút")


# The whole lifecycle of a change: only a pending change moves, once, to one of these.
TRANSITIONS = {
    ChangeState.PENDING: frozenset(
        {ChangeState.APPROVED, ChangeState.DECLINED, ChangeState.WITHDRAWN}
    ),
}


STATE_CSS = {
    ChangeState.PENDING: "submitted",
    ChangeState.APPROVED: "accepted",
    ChangeState.DECLINED: "returned",
    ChangeState.WITHDRAWN: "withdrawn",
}


def new_change_code() -> str:
    """An opaque public identifier, e.g. ``CK-7F3K9Q2M`` (never a database id)."""
    return opaque_code("CK-")


class ListingChange(models.Model):
    """A producer's proposed edit of its own listing (``producer`` set, ``product`` empty) or
    of one product's (``product`` set). ``payload`` holds the proposed values: for a producer
    ``profile``, ``shop_links``, ``show_phone``, ``show_email``; for a product ``story``,
    ``shop_links`` and ``photos`` (evidence codes)."""

    code = models.CharField(max_length=12, unique=True, default=new_change_code, editable=False)
    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey(
        Product, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    payload = models.JSONField(default=dict)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=ChangeState.choices, default=ChangeState.PENDING
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("đề nghị sửa thông tin công khai")
        verbose_name_plural = _("đề nghị sửa thông tin công khai")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            # One pending change per listing: a new edit replaces the pending one.
            models.UniqueConstraint(
                fields=["producer"],
                condition=Q(state="pending", product__isnull=True),
                name="one_pending_producer_change",
            ),
            models.UniqueConstraint(
                fields=["product"],
                condition=Q(state="pending", product__isnull=False),
                name="one_pending_product_change",
            ),
        ]

    def __str__(self):
        return f"{self.product or self.producer} · {self.get_state_display()}"

    @property
    def state_css(self) -> str:
        """The site's colour class of a state (``state-…`` in site.css)."""
        return STATE_CSS.get(self.state, "draft")


class ModerationSetting(models.Model):
    """A province's choice: producers' edits wait for an officer (default) or go live at once."""

    province = models.OneToOneField(Province, on_delete=models.CASCADE, related_name="+")
    moderation = models.BooleanField(_("duyệt trước khi công khai"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("cấu hình duyệt thông tin công khai")
        verbose_name_plural = _("cấu hình duyệt thông tin công khai")

    def __str__(self):
        return str(self.province)
