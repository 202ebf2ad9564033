from django.db import models
from django.utils.translation import gettext_lazy as _


class Counter(models.Model):
    """A named sequence (product numbers per commune, receipt numbers per office and year).

    Taken with ``ocop.lib.counters.next_value`` inside a transaction, row-locked, so two
    officers proposing at the same moment never get the same number.
    """

    key = models.CharField(max_length=100, unique=True)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bộ đếm")
        verbose_name_plural = _("bộ đếm")

    def __str__(self):
        return f"{self.key} = {self.value}"
