"""Legal instruments, and the classification each one makes (Phụ lục I of 26/2026/QĐ-TTg).

Every rule the system applies (classification, criteria, star bands, deadlines) belongs to
the instrument that made it, so history keeps its own rules. The classification is
sector (ngành) → group (nhóm) → product set (bộ sản phẩm): the 26 product sets of
26/2026/QĐ-TTg are the scoring units, each with its own scoresheet. Several groups have no
subgroup, so their product set sits directly under the group.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalInstrumentQuerySet(models.QuerySet):
    def in_force(self, day):
        """Instruments in force on ``day`` (the rulebook a new product registers under)."""
        return self.filter(effective_from__lte=day).filter(
            models.Q(effective_to__isnull=True) | models.Q(effective_to__gte=day)
        )


class LegalInstrument(models.Model):
    number = models.CharField(_("số hiệu"), max_length=40, unique=True)  # "26/2026/QĐ-TTg"
    title = models.CharField(_("trích yếu"), max_length=400)
    signed_on = models.DateField(_("ngày ký"))
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hết hiệu lực"), null=True, blank=True)
    supersedes = models.ManyToManyField(
        "self", verbose_name=_("thay thế"), symmetrical=False, blank=True, related_name="+"
    )

    objects = LegalInstrumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản pháp lý")
        verbose_name_plural = _("văn bản pháp lý")
        ordering = ["-signed_on"]

    def __str__(self):
        return self.number


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
            models.UniqueConstraint(fields=["instrument", "code"], name="legal_sector_code")
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
        constraints = [models.UniqueConstraint(fields=["sector", "code"], name="legal_group_code")]

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
            models.UniqueConstraint(fields=["instrument", "number"], name="legal_set_number"),
            models.UniqueConstraint(fields=["instrument", "code"], name="legal_set_code"),
        ]

    def __str__(self):
        return f"{self.number}. {self.sheet_name}"
