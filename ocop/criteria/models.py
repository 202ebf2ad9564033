"""Criteria sets (Phụ lục II) as versioned legal data.

A set's whole tree (parts → criteria → options, with points and star marks, rejection
conditions and notes) is one JSON document, in the shape the API serves and the scoring
engine reads. Published sets are immutable: the loader refuses to change one, and its
SHA-256 is kept so every score sheet can prove which version it was made under.
"""

import hashlib
import json

from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.criteria import engine
from ocop.legal.models import LegalInstrument, ProductSet


def definition_digest(definition: dict) -> str:
    canonical = json.dumps(definition, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class CriteriaSet(models.Model):
    code = models.CharField(_("mã"), max_length=32, unique=True)  # "QD26-2026-S01"
    instrument = models.ForeignKey(
        LegalInstrument, verbose_name=_("văn bản"), on_delete=models.PROTECT, related_name="+"
    )
    product_set = models.ForeignKey(
        ProductSet,
        verbose_name=_("bộ sản phẩm"),
        on_delete=models.PROTECT,
        related_name="criteria_sets",
    )
    name = models.CharField(_("tên"), max_length=300)
    definition = models.JSONField(_("nội dung"))
    sha256 = models.CharField(max_length=64, editable=False)
    published_at = models.DateTimeField(_("công bố lúc"))

    class Meta:
        verbose_name = _("bộ tiêu chí")
        verbose_name_plural = _("bộ tiêu chí")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "product_set"], name="one_criteria_set_per_product_set"
            )
        ]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def sheet(self) -> engine.Sheet:
        cached = getattr(self, "_sheet", None)
        if cached is None:
            cached = self._sheet = engine.sheet_from_dict({**self.definition, "code": self.code})
        return cached
