"""Producers (chủ thể OCOP): the cooperatives, small enterprises and households that own
OCOP products. Accounts act for a producer through the ``producer`` role."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.places.models import Commune
from ocop.producers.enums import Gender, LegalType
from ocop.producers.validators import validate_registration_number, validate_tax_code

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def new_producer_code() -> str:
    """An opaque public identifier, e.g. ``CT-7F3K9Q2M`` (never a database id)."""
    return "CT-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


class Producer(models.Model):
    code = models.CharField(
        _("mã chủ thể"), max_length=12, unique=True, default=new_producer_code, editable=False
    )
    name = models.CharField(_("tên chủ thể"), max_length=200)
    legal_type = models.CharField(_("loại hình"), max_length=32, choices=LegalType.choices)
    registration_number = models.CharField(
        _("số đăng ký kinh doanh"), max_length=30, validators=[validate_registration_number]
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
    representative_ethnicity = models.CharField(_("dân tộc"), max_length=50, default="Kinh")
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
    latitude = models.DecimalField(
        _("vĩ độ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(8), MaxValueValidator(24)],
    )
    longitude = models.DecimalField(
        _("kinh độ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(102), MaxValueValidator(118)],
    )
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

    @property
    def local_workforce_share(self) -> int | None:
        """Percentage of workers from the commune (criterion 3.3)."""
        return round(100 * self.local_workforce / self.workforce) if self.workforce else None


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
