"""Certificates (Giấy chứng nhận kết quả phân hạng sản phẩm OCOP, Điều 4.3), their
revocations (Điều 8), post-certification inspections (Điều 9) and consumers' reports.

A certificate is issued once from a recognising decision line, or entered from a paper one
(Điều 12.1), and never edited (house rule 4): a newer certificate supersedes it, a revocation
or its term ends it. Only ``state`` and the fields saying how it ended ever change, through
``actions``.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.certificates import status
from ocop.certificates.enums import (
    Authority,
    CaseState,
    Conclusion,
    Ground,
    InspectionKind,
    InspectionState,
    MarkUse,
    Origin,
    ReportKind,
    ReportState,
    State,
    Trigger,
)
from ocop.certificates.enums import Reminder as ReminderKind
from ocop.certificates.errors import CertificateError
from ocop.legal.models import LegalInstrument
from ocop.legal.validity import (
    EXTENSION_DAYS,
    IN_FORCE_FROM,
    RENEWAL_OPENS_DAYS,
    extension_end,
)
from ocop.lib.codes import opaque_code
from ocop.lib.models import StoredFile
from ocop.places.models import Commune, Province
from ocop.producers.models import Producer
from ocop.products.models import Product
from ocop.recognition.models import DecisionLine

VERIFY_CODE_LENGTH = 10  # 50 bits; printed under the QR code, typed from a label


def new_verify_code() -> str:
    """The public code behind the QR (``/v/<code>``): random, never derived from the number."""
    return opaque_code(length=VERIFY_CODE_LENGTH)


def photo_path(cert: "Certificate", filename: str) -> str:
    return f"certificates/{cert.code[:2]}/{cert.code}.webp"


class CertificateQuerySet(models.QuerySet):
    def in_force_on(self, day: dt.date):
        """Not superseded, revoked or marked expired, in its term or its Điều 12.3 extension
        (``extended_on``)."""
        return self.filter(state=State.ACTIVE, valid_from__lte=day).filter(
            Q(expires_on__gte=day) | extended_on(day)
        )


def extended_on(day: dt.date) -> Q:
    """Certificates past their term on ``day`` and inside the Điều 12.3 extension
    (``legal.validity.extension_end`` as a query: the term ended before 18/11/2026 and at
    most 180 days before ``day``)."""
    last_eligible = IN_FORCE_FROM + dt.timedelta(days=RENEWAL_OPENS_DAYS - 1)
    return Q(
        expires_on__lt=day,
        expires_on__lte=last_eligible,
        expires_on__gte=day - dt.timedelta(days=EXTENSION_DAYS),
    )


ENDING_FIELDS = {"state", "superseded_by", "ended_on", "ended_note"}


class Certificate(models.Model):
    code = models.CharField(
        _("mã tra cứu"), max_length=16, unique=True, default=new_verify_code, editable=False
    )
    number = models.CharField(_("số giấy chứng nhận"), max_length=60)
    origin = models.CharField(
        _("nguồn"), max_length=8, choices=Origin.choices, default=Origin.SYSTEM
    )
    # The decision line it was issued from (none for a certificate entered from paper).
    line = models.OneToOneField(
        DecisionLine,
        verbose_name=_("dòng quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    product = models.ForeignKey(
        Product, verbose_name=_("sản phẩm"), on_delete=models.PROTECT, related_name="+"
    )
    producer = models.ForeignKey(
        Producer, verbose_name=_("chủ thể"), on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        Commune, verbose_name=_("xã, phường, đặc khu"), on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh, thành phố"), on_delete=models.PROTECT, related_name="+"
    )
    # As printed on the certificate.
    product_name = models.CharField(_("tên sản phẩm"), max_length=200)
    product_code = models.CharField(_("mã sản phẩm"), max_length=20, blank=True)
    producer_name = models.CharField(_("tên chủ thể"), max_length=200)
    address = models.CharField(_("địa chỉ"), max_length=400)
    product_set = models.CharField(_("bộ sản phẩm"), max_length=300, blank=True)
    stars = models.PositiveSmallIntegerField(_("số sao"))
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    authority = models.CharField(_("cấp có thẩm quyền"), max_length=10, choices=Authority.choices)
    authority_name = models.CharField(_("cơ quan cấp"), max_length=200)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    signer = models.CharField(_("người ký"), max_length=150, blank=True)
    instrument = models.ForeignKey(
        LegalInstrument,
        verbose_name=_("cấp theo quy định của"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    expires_on = models.DateField(_("hiệu lực đến ngày"))
    photo = models.FileField(upload_to=photo_path, max_length=200, blank=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # How it ended (set once, by actions).
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.ACTIVE
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("được thay thế bởi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
    )
    ended_on = models.DateField(_("ngày chấm dứt hiệu lực"), null=True, blank=True)
    ended_note = models.CharField(_("lý do chấm dứt"), max_length=300, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("giấy chứng nhận")
        verbose_name_plural = _("giấy chứng nhận")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority_name", "number"], name="one_certificate_number"
            ),
            models.CheckConstraint(
                condition=Q(expires_on__gte=models.F("valid_from")),
                name="certificate_expires_after_start",
            ),
            models.CheckConstraint(
                condition=Q(stars__gte=3, stars__lte=5), name="certificate_three_stars_or_more"
            ),
            models.CheckConstraint(
                condition=Q(origin=Origin.ENTERED) | Q(line__isnull=False),
                name="system_certificate_has_line",
            ),
        ]
        indexes = [
            models.Index(fields=["province", "state", "expires_on"]),
            models.Index(fields=["product", "-valid_from"]),
        ]

    def __str__(self):
        return f"{self.number} · {self.product_name}"

    def save(self, *args, **kwargs):
        """An issued certificate is never edited (house rule 4): only how it ended may be
        written, by ``actions`` with ``update_fields``."""
        fields = kwargs.get("update_fields")
        if self.pk is not None and (fields is None or not set(fields) <= ENDING_FIELDS):
            raise CertificateError(
                _("Giấy chứng nhận đã cấp không sửa được: thay thế bằng giấy mới hoặc thu hồi.")
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("certificates:detail", args=[self.code])

    def current(self) -> "Certificate":
        """The certificate in force for the product now: this one, or the last that
        replaced it (an old label leads there)."""
        cert = self
        while cert.superseded_by_id:
            cert = cert.superseded_by
        return cert

    def verify_url(self) -> str:
        return reverse("certificates:verify", args=[self.code])

    def absolute_verify_url(self) -> str:
        return settings.SITE_URL.rstrip("/") + self.verify_url()

    @property
    def extended_until(self) -> dt.date | None:
        """Điều 12.3 (``legal.validity.extension_end``)."""
        return extension_end(self.expires_on)

    @property
    def dates(self) -> status.Dates:
        return status.Dates(self.state, self.valid_from, self.expires_on, self.extended_until)

    def status(self, today: dt.date | None = None) -> str:
        return status.status_on(self.dates, today or timezone.localdate())

    def last_valid_day(self) -> dt.date:
        return status.last_valid_day(self.dates)


def new_case_code() -> str:
    return opaque_code("TH-")


class Revocation(models.Model):
    """A revocation case (Điều 8): opened on a ground with its trigger, verified by the OCOP
    office, decided by the competent authority (Điều 8.2) within 15 days of the trigger
    (Điều 8.4), or dropped with a reason."""

    code = models.CharField(max_length=12, unique=True, default=new_case_code, editable=False)
    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, related_name="revocations"
    )
    ground = models.CharField(_("căn cứ thu hồi"), max_length=10, choices=Ground.choices)
    trigger = models.CharField(_("căn cứ phát sinh"), max_length=12, choices=Trigger.choices)
    trigger_authority = models.CharField(_("cơ quan kết luận, xác nhận"), max_length=200)
    trigger_number = models.CharField(_("số văn bản kết luận, xác nhận"), max_length=60)
    trigger_date = models.DateField(_("ngày kết luận, xác nhận"))
    summary = models.TextField(_("nội dung vi phạm, kết quả xác minh"))
    inspection_item = models.ForeignKey(
        "InspectionItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    report = models.ForeignKey(
        "ConsumerReport", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=CaseState.choices, default=CaseState.OPEN
    )
    decision_number = models.CharField(_("số quyết định thu hồi"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định thu hồi"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=150, blank=True)
    drop_reason = models.TextField(_("lý do không thu hồi"), blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("hồ sơ thu hồi giấy chứng nhận")
        verbose_name_plural = _("hồ sơ thu hồi giấy chứng nhận")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate"],
                condition=Q(state=CaseState.REVOKED),
                name="one_revocation_per_certificate",
            ),
            models.CheckConstraint(
                condition=~Q(state=CaseState.REVOKED)
                | (Q(decision_date__isnull=False) & ~Q(decision_number="")),
                name="revocation_has_decision",
            ),
        ]

    def __str__(self):
        return f"{self.code} · {self.certificate.number}"


def new_inspection_code() -> str:
    return opaque_code("KT-")


class Inspection(models.Model):
    """A post-certification inspection (hậu kiểm, Điều 9) by the provincial office (or, with
    ``province`` empty, the ministry's office) of one or more certified products."""

    code = models.CharField(max_length=12, unique=True, default=new_inspection_code, editable=False)
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("hình thức"), max_length=10, choices=InspectionKind.choices)
    scope = models.TextField(_("phạm vi, nội dung kiểm tra"))
    basis = models.CharField(
        _("căn cứ (kế hoạch, quyết định kiểm tra)"), max_length=200, blank=True
    )
    planned_on = models.DateField(_("ngày kiểm tra"))
    inspectors = models.TextField(_("thành phần đoàn kiểm tra"))
    state = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=InspectionState.choices,
        default=InspectionState.PLANNED,
    )
    conclusion_number = models.CharField(_("số văn bản kết luận"), max_length=60, blank=True)
    concluded_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    report = models.ForeignKey(
        "ConsumerReport",
        verbose_name=_("từ phản ánh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("đợt kiểm tra, giám sát")
        verbose_name_plural = _("đợt kiểm tra, giám sát")
        ordering = ["-planned_on", "-pk"]

    def __str__(self):
        return f"{self.code} · {self.get_kind_display()} {self.planned_on:%d/%m/%Y}"


class InspectionItem(models.Model):
    """One certified product in an inspection: findings per criterion (Điều 9.3.a), the use
    of the mark (9.3.b), photos and the conclusion."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="items")
    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="+")
    # [{"criterion": "2.3", "label": "…", "meets": false, "note": "…"}]
    findings = models.JSONField(default=list, blank=True)
    mark_use = models.CharField(
        _("sử dụng nhãn hiệu OCOP"), max_length=10, choices=MarkUse.choices, blank=True
    )
    mark_note = models.TextField(_("ghi chú về nhãn, tem, quảng bá"), blank=True)
    conclusion = models.CharField(
        _("kết luận"), max_length=6, choices=Conclusion.choices, blank=True
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["inspection", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "certificate"], name="one_item_per_certificate"
            )
        ]

    def __str__(self):
        return f"{self.inspection.code} · {self.certificate.product_name}"


def new_file_name() -> str:
    return opaque_code(length=20)


def stored_path(f, filename: str) -> str:
    return f"certificates/files/{f.storage_name[:2]}/{f.storage_name}{f.extension}"


class InspectionPhoto(StoredFile):
    item = models.ForeignKey(InspectionItem, on_delete=models.CASCADE, related_name="photos")
    storage_name = models.CharField(max_length=20, unique=True, default=new_file_name)
    file = models.FileField(upload_to=stored_path, max_length=200)
    caption = models.CharField(_("chú thích"), max_length=200, blank=True)
    attached_at = models.DateTimeField(auto_now_add=True)
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["item", "pk"]


class FollowUp(models.Model):
    """What the producer must put right after an inspection, by when."""

    item = models.ForeignKey(InspectionItem, on_delete=models.CASCADE, related_name="follow_ups")
    action = models.TextField(_("yêu cầu khắc phục"))
    due_on = models.DateField(_("hạn hoàn thành"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    done_note = models.TextField(_("kết quả khắc phục"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return f"{self.action[:60]} ({self.due_on:%d/%m/%Y})"


def new_report_code() -> str:
    return opaque_code("PA-")


class ConsumerReport(models.Model):
    """A consumer's report of a product sold as OCOP that is not (no QR, wrong stars,
    expired). It reaches the provincial office of the certificate's province, or of the
    place of sale when no certificate is named."""

    code = models.CharField(max_length=12, unique=True, default=new_report_code, editable=False)
    certificate = models.ForeignKey(
        Certificate, null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh, thành phố"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("nội dung phản ánh"), max_length=12, choices=ReportKind.choices)
    product_text = models.CharField(_("tên sản phẩm trên nhãn"), max_length=200, blank=True)
    place = models.CharField(_("nơi bán"), max_length=300)
    details = models.TextField(_("mô tả"), blank=True)
    contact = models.CharField(_("liên hệ (không bắt buộc)"), max_length=200, blank=True)
    photo = models.FileField(upload_to="reports/%Y/%m/", max_length=200, blank=True)
    photo_type = models.CharField(max_length=40, blank=True)
    client_key = models.CharField(max_length=64, db_index=True)  # a hash of the address
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=ReportState.choices, default=ReportState.OPEN
    )
    closed_note = models.TextField(_("kết quả xử lý"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("phản ánh của người tiêu dùng")
        verbose_name_plural = _("phản ánh của người tiêu dùng")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.code} · {self.get_kind_display()}"


class Reminder(models.Model):
    """One reminder the daily job sent: at most one of each kind per certificate, so the job
    may run twice, or on two machines at once, and still tell people once."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["certificate", "kind"], name="one_reminder_per_kind")
        ]

    def __str__(self):
        return f"{self.certificate_id} · {self.kind} · {self.sent_on}"
