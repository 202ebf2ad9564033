"""Trade-promotion events (fairs, festivals, showrooms, OCOP points of sale) and the
producers taking part in them with their certified products. Only ``actions`` writes."""

import datetime as dt

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.lib.codes import opaque_code
from ocop.lib.models import latitude_field, longitude_field
from ocop.places.models import Province
from ocop.producers.models import Producer
from ocop.products.models import Product
from ocop.promotion.enums import EventKind, EventState, ParticipationState

END_BEFORE_START = _("Ngày kết thúc không được trước ngày bắt đầu.")
WEB_ONLY = _("Hãy ghi địa chỉ trang web bắt đầu bằng http:// hoặc https://.")


def new_event_code() -> str:
    return opaque_code("SK-")


def new_participation_code() -> str:
    return opaque_code("TG-")


class EventQuerySet(models.QuerySet):
    def not_ended(self, day: dt.date):
        """Running or to come on ``day`` (a permanent showroom never ends)."""
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))

    def ended(self, day: dt.date):
        return self.filter(ends_on__lt=day)


class Event(models.Model):
    code = models.CharField(
        _("mã sự kiện"), max_length=12, unique=True, default=new_event_code, editable=False
    )
    kind = models.CharField(_("loại sự kiện"), max_length=16, choices=EventKind.choices)
    name = models.CharField(_("tên sự kiện"), max_length=200)
    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh, thành phố"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("địa điểm"), max_length=400)
    latitude = latitude_field()
    longitude = longitude_field()
    starts_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(
        _("ngày kết thúc"),
        null=True,
        blank=True,
        help_text=_("Để trống cho điểm trưng bày, điểm bán hoạt động thường xuyên."),
    )
    description = models.TextField(_("giới thiệu"), blank=True)
    organiser = models.CharField(_("đơn vị tổ chức"), max_length=200)
    website = models.URLField(
        _("trang web"),
        max_length=300,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"], message=WEB_ONLY)],
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=EventState.choices, default=EventState.DRAFT
    )
    # Set when first published: a cancelled event keeps a public page only if it had one.
    published_at = models.DateTimeField(_("ngày công bố"), null=True, blank=True)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện xúc tiến thương mại")
        verbose_name_plural = _("sự kiện xúc tiến thương mại")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="event_ends_after_start",
                violation_error_message=END_BEFORE_START,
            )
        ]
        indexes = [
            models.Index(fields=["state", "starts_on"]),
            models.Index(fields=["province", "state", "starts_on"]),
        ]

    def __str__(self):
        return f"{self.code} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("promotion:event", args=[self.code])

    def has_ended(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.ends_on is not None and self.ends_on < today

    def is_running(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today and not self.has_ended(today)

    @property
    def is_public(self) -> bool:
        return self.state in (EventState.PUBLISHED, EventState.CANCELLED)


class Participation(models.Model):
    """A producer's application to take part in an event with some of its certified
    products, and the office's decision on it. One per event and producer: a withdrawn one
    reopens when the producer applies again."""

    code = models.CharField(
        _("mã đăng ký"),
        max_length=12,
        unique=True,
        default=new_participation_code,
        editable=False,
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("sự kiện"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    producer = models.ForeignKey(
        Producer, verbose_name=_("chủ thể OCOP"), on_delete=models.PROTECT, related_name="+"
    )
    products = models.ManyToManyField(
        Product, verbose_name=_("sản phẩm tham gia"), related_name="+"
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ParticipationState.choices,
        default=ParticipationState.APPLIED,
    )
    note = models.TextField(_("lời nhắn của chủ thể"), blank=True)
    decline_reason = models.TextField(_("lý do không nhận"), blank=True)
    applied_at = models.DateTimeField(_("ngày đăng ký"), default=timezone.now)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("ngày xét"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("đăng ký tham gia sự kiện")
        verbose_name_plural = _("đăng ký tham gia sự kiện")
        ordering = ["applied_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "producer"], name="one_participation_per_producer"
            )
        ]
        indexes = [models.Index(fields=["producer", "state"])]

    def __str__(self):
        return f"{self.code} · {self.producer.name}"
