"""Legal instruments: every rule the system applies (classification, criteria, star bands,
deadlines) belongs to the instrument that made it, so history keeps its own rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalInstrument(models.Model):
    number = models.CharField(_("số hiệu"), max_length=40, unique=True)  # "26/2026/QĐ-TTg"
    title = models.CharField(_("trích yếu"), max_length=400)
    signed_on = models.DateField(_("ngày ký"))
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hết hiệu lực"), null=True, blank=True)
    supersedes = models.ManyToManyField(
        "self", verbose_name=_("thay thế"), symmetrical=False, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("văn bản pháp lý")
        verbose_name_plural = _("văn bản pháp lý")
        ordering = ["-signed_on"]

    def __str__(self):
        return self.number
