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


class StoredFile(models.Model):
    """What ``ocop.lib.uploads.inspect`` learnt about a stored file, kept beside it: the
    name the user gave, the type found in its bytes (never the one it claimed), its size
    and checksum. The file field itself (its path) belongs to the concrete model."""

    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        abstract = True

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    def describe(self, inspected, *, name: str = "") -> None:
        self.original_name = (name or "")[-255:]
        self.content_type = inspected.content_type
        self.extension = inspected.extension
        self.size = inspected.size
        self.sha256 = inspected.sha256


def latitude_field():
    """A place's latitude, within Vietnam's bounds (8–24° N), optional."""
    from django.core.validators import MaxValueValidator, MinValueValidator

    return models.DecimalField(
        _("vĩ độ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(8), MaxValueValidator(24)],
    )


def longitude_field():
    """A place's longitude, within Vietnam's bounds (102–118° E), optional."""
    from django.core.validators import MaxValueValidator, MinValueValidator

    return models.DecimalField(
        _("kinh độ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(102), MaxValueValidator(118)],
    )
