"""Provinces and communes in force since 1/7/2025 (two-level local government, no districts).

Codes are the official ones of QĐ 19/2025/QĐ-TTg: two digits for a province, five for a
commune. They are the public identifiers of places in URLs and exports.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.places.enums import CommuneType, ProvinceType


class Province(models.Model):
    code = models.CharField(_("mã"), max_length=2, unique=True)
    name = models.CharField(_("tên"), max_length=100)
    type = models.CharField(_("loại"), max_length=16, choices=ProvinceType.choices)
    codename = models.SlugField(max_length=100)

    class Meta:
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Commune(models.Model):
    code = models.CharField(_("mã"), max_length=5, unique=True)
    name = models.CharField(_("tên"), max_length=100)
    type = models.CharField(_("loại"), max_length=16, choices=CommuneType.choices)
    codename = models.SlugField(max_length=100)
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        related_name="communes",
    )

    class Meta:
        verbose_name = _("xã, phường, đặc khu")
        verbose_name_plural = _("xã, phường, đặc khu")
        ordering = ["province__code", "code"]

    def __str__(self):
        return f"{self.name}, {self.province.name}"
