"""The classification of Phụ lục I: sector (ngành) → group (nhóm) → product set (bộ sản phẩm).

The 26 product sets of 26/2026/QĐ-TTg are the scoring units: each has its own scoresheet.
Several groups have no subgroup, so their product set sits directly under the group.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.legal.models import LegalInstrument


class Sector(models.Model):
    instrument = models.ForeignKey(LegalInstrument, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("mã"), max_length=8)  # "I" … "VI"
    name = models.CharField(_("tên"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("ngành")
        verbose_name_plural = _("ngành")
        ordering = ["instrument", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "code"], name="sector_code_per_instrument"
            )
        ]

    def __str__(self):
        return f"{self.code}. {self.name}"


class ProductGroup(models.Model):
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="groups")
    code = models.CharField(_("mã"), max_length=12)  # "I.1"
    name = models.CharField(_("tên"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("nhóm sản phẩm")
        verbose_name_plural = _("nhóm sản phẩm")
        ordering = ["sector__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["sector", "code"], name="group_code_per_sector")
        ]

    def __str__(self):
        return f"{self.code}. {self.name}"


class ProductSet(models.Model):
    instrument = models.ForeignKey(LegalInstrument, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(ProductGroup, on_delete=models.PROTECT, related_name="product_sets")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))  # 1–26
    code = models.CharField(_("mã phân loại"), max_length=16)  # "I.1.a", "I.6", "VI.1"
    name = models.CharField(_("tên (Phụ lục I)"), max_length=300)
    sheet_name = models.CharField(_("tên bộ tiêu chí (Phụ lục II)"), max_length=300)
    managing_ministries = models.JSONField(_("cơ quan chủ trì quản lý"), default=list)
    samples_required = models.BooleanField(_("phải nộp 05 sản phẩm mẫu"), default=True)
    search_text = models.CharField(max_length=600, editable=False, default="")

    class Meta:
        verbose_name = _("bộ sản phẩm")
        verbose_name_plural = _("bộ sản phẩm")
        ordering = ["instrument", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "number"], name="set_number_per_instrument"
            ),
            models.UniqueConstraint(fields=["instrument", "code"], name="set_code_per_instrument"),
        ]

    def __str__(self):
        return f"{self.number}. {self.sheet_name}"
