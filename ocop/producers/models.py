"""Producers (chủ thể OCOP): the cooperatives, small enterprises and households that own
OCOP products. Accounts act for a producer through a ``ProducerMembership``."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.lib.codes import opaque_code
from ocop.lib.models import latitude_field, longitude_field
from ocop.places.models import Commune
from ocop.producers.enums import EvidenceKind, Gender, LegalType
from ocop.producers.validators import validate_registration_number, validate_tax_code

ETHNICITY_REQUIRED = _(
    "Hãy ghi dân tộc của người đại diện theo pháp luật (tiêu chí 3.2 tính theo thông tin này)."
)


def new_producer_code() -> str:
    """An opaque public identifier, e.g. ``CT-7F3K9Q2M`` (never a database id)."""
    return opaque_code("CT-")


class Producer(models.Model):
    code = models.CharField(
        _("mã chủ thể"), max_length=12, unique=True, default=new_producer_code, editable=False
    )
    name = models.CharField(_("tên chủ thể"), max_length=200)
    legal_type = models.CharField(_("loại hình"), max_length=32, choices=LegalType.choices)
    # "Số giấy đăng ký (nếu có)" (Mẫu 02, Phần I.6): a tổ hợp tác may have none. Not a key:
    # many producers may leave it blank; the format is checked only when a value is given.
    registration_number = models.CharField(
        _("số giấy đăng ký (nếu có)"),
        max_length=30,
        blank=True,
        validators=[validate_registration_number],
    )
    tax_code = models.CharField(
        _("mã số thuế"), max_length=14, blank=True, validators=[validate_tax_code]
    )
    founded_on = models.DateField(_("ngày thành lập / đăng ký"), null=True, blank=True)
    commune = models.ForeignKey(
        Commune, verbose_name=_("xã, phường, đặc khu"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("địa chỉ"), max_length=300)
    # Legal representative (Mẫu 02 part I; criterion 3.2 scores a woman, an ethnic-minority
    # person or a person with a disability).
    representative_name = models.CharField(_("người đại diện theo pháp luật"), max_length=150)
    representative_title = models.CharField(_("chức vụ"), max_length=100, blank=True)
    representative_gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    # No default: a preset "Kinh" would silently decide criterion 3.2 (ethnic minority).
    representative_ethnicity = models.CharField(
        _("dân tộc"), max_length=50, error_messages={"blank": ETHNICITY_REQUIRED}
    )
    representative_disability = models.BooleanField(_("người khuyết tật"), default=False)
    workforce = models.PositiveIntegerField(_("số lao động"), default=0)
    local_workforce = models.PositiveIntegerField(_("số lao động tại địa phương"), default=0)
    local_capital_share = models.PositiveSmallIntegerField(
        _("tỷ lệ vốn góp của cộng đồng địa phương (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    profile = models.TextField(_("giới thiệu công khai"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("chủ thể OCOP")
        verbose_name_plural = _("chủ thể OCOP")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(local_workforce__lte=models.F("workforce")),
                name="local_workforce_within_workforce",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("producers:detail", args=[self.code])

    @property
    def local_workforce_share(self) -> int | None:
        """Percentage of workers from the commune (criterion 3.3)."""
        return round(100 * self.local_workforce / self.workforce) if self.workforce else None


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ProducerMembership(models.Model):
    """An account that acts for a producer; several accounts may act for one producer.

    Revoking keeps the row (``revoked_at``), so the history stays.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="producer_memberships",
    )
    producer = models.ForeignKey(
        Producer,
        verbose_name=_("chủ thể OCOP"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    granted_at = models.DateTimeField(_("ngày cấp"), default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("ngày thu hồi"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("tài khoản của chủ thể")
        verbose_name_plural = _("tài khoản của chủ thể")
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "producer"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_membership",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.producer}"


class FinancialYear(models.Model):
    """Yearly revenue and profit (Mẫu 02 part II; criterion 3.4 rewards profit growth)."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="financials")
    year = models.PositiveSmallIntegerField(_("năm"))
    revenue = models.DecimalField(_("doanh thu (đồng)"), max_digits=16, decimal_places=0)
    profit = models.DecimalField(_("lợi nhuận (đồng)"), max_digits=16, decimal_places=0)

    class Meta:
        verbose_name = _("kết quả kinh doanh")
        verbose_name_plural = _("kết quả kinh doanh")
        ordering = ["producer", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["producer", "year"], name="one_financial_year")
        ]

    def __str__(self):
        return f"{self.producer} {self.year}"


def new_evidence_code() -> str:
    """Unguessable: 20 characters from a 32-letter alphabet (100 bits)."""
    return opaque_code(length=20)


def evidence_path(document: "EvidenceDocument", filename: str) -> str:
    """Where the file lies in storage: random, never derived from the user's file name."""
    return f"evidence/{document.code[:2]}/{document.code}{document.extension}"


def thumbnail_path(document: "EvidenceDocument", filename: str) -> str:
    return f"evidence/{document.code[:2]}/{document.code}-thumb.webp"


class EvidenceDocumentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(withdrawn_at__isnull=True)

    def expired_on(self, day):
        return self.filter(expires_on__lt=day)


class EvidenceDocument(models.Model):
    """One document of a producer's evidence library, uploaded once and linked by any dossier.

    The file never changes after upload: a new version of a paper is a new document. Files are
    served only through a view that checks the reader's rights; the storage path is random.
    """

    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="evidence")
    code = models.CharField(max_length=20, unique=True, default=new_evidence_code, editable=False)
    kind = models.CharField(_("loại tài liệu"), max_length=32, choices=EvidenceKind.choices)
    title = models.CharField(_("tên tài liệu"), max_length=200)
    number = models.CharField(_("số hiệu"), max_length=100, blank=True)
    issuer = models.CharField(_("cơ quan cấp"), max_length=200, blank=True)
    issued_on = models.DateField(_("ngày cấp"), null=True, blank=True)
    expires_on = models.DateField(_("ngày hết hạn"), null=True, blank=True)
    file = models.FileField(upload_to=evidence_path, max_length=200)
    thumbnail = models.FileField(upload_to=thumbnail_path, max_length=200, blank=True)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = EvidenceDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("tài liệu minh chứng")
        verbose_name_plural = _("tài liệu minh chứng")
        ordering = ["kind", "-issued_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(issued_on__isnull=True)
                | models.Q(expires_on__gte=models.F("issued_on")),
                name="evidence_expires_after_issue",
            )
        ]

    def __str__(self):
        return self.title

    def is_expired(self, on=None) -> bool:
        day = on or timezone.localdate()
        return self.expires_on is not None and self.expires_on < day

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
