"""Product dossiers (hồ sơ sản phẩm): Mẫu 01 + Mẫu 02 in frozen versions, and the commune's
Mẫu 03. Workflow lives in ``actions``; models hold tables and small invariants only."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.criteria.models import CriteriaSet
from ocop.dossiers.enums import COMMUNE_CLOCK, DossierKind, State
from ocop.lib.codes import opaque_code
from ocop.lib.models import StoredFile
from ocop.lib.workdays import working_days_between
from ocop.places.models import Commune, Province
from ocop.producers.models import EvidenceDocument, Producer
from ocop.products.models import Product


def new_dossier_code() -> str:
    """Opaque public identifier, e.g. ``HS-7F3K9Q2M``."""
    return opaque_code("HS-")


class FrozenVersion(Exception):
    """A submitted version is never changed; a return for completion opens a new one."""


class Dossier(models.Model):
    code = models.CharField(max_length=12, unique=True, default=new_dossier_code, editable=False)
    product = models.ForeignKey(
        Product, verbose_name=_("sản phẩm"), on_delete=models.PROTECT, related_name="dossiers"
    )
    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="dossiers")
    # The commune that receives the dossier: the producer's commune when the dossier starts.
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("lần đăng ký"), max_length=16, choices=DossierKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("dựa trên hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        _("trạng thái"), max_length=24, choices=State.choices, default=State.DRAFT
    )
    state_changed_at = models.DateTimeField(default=timezone.now)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    # Commune: 15 working days from the (re)submission.
    submitted_at = models.DateTimeField(null=True, blank=True)
    commune_deadline = models.DateField(_("hạn xã xử lý"), null=True, blank=True)
    commune_receipt_number = models.CharField(_("số phiếu (xã)"), max_length=60, blank=True)
    commune_received_at = models.DateTimeField(null=True, blank=True)
    commune_received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Điều 7.1: one paper and one electronic set. Ticked by the commune when it receives.
    paper_set_received = models.BooleanField(_("đã nhận bộ hồ sơ giấy"), default=False)
    # When the dossier last went to the province: the commune's proposal. Proposed again after
    # a province return, ``resent_to_province`` is set and the round counts from this day
    # instead of the commune's letter, if later (``actions.proposal_day``).
    proposed_at = models.DateTimeField(_("Xã đề nghị lúc"), null=True, blank=True)
    resent_to_province = models.BooleanField(
        _("xã gửi lại tỉnh sau khi tỉnh trả lại"), default=False
    )
    # Province.
    province_receipt_number = models.CharField(_("số phiếu (tỉnh)"), max_length=60, blank=True)
    province_received_at = models.DateTimeField(null=True, blank=True)
    province_received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    round_year = models.PositiveSmallIntegerField(_("năm của đợt"), null=True, blank=True)
    round_number = models.PositiveSmallIntegerField(_("đợt"), null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("hồ sơ sản phẩm")
        verbose_name_plural = _("hồ sơ sản phẩm")
        ordering = ["-state_changed_at"]
        indexes = [
            models.Index(fields=["commune", "state"]),
            models.Index(fields=["province", "state"]),
        ]

    def __str__(self):
        return f"{self.code} · {self.product}"

    def get_absolute_url(self) -> str:
        return reverse("dossiers:detail", args=[self.code])

    @property
    def on_commune_clock(self) -> bool:
        return self.state in COMMUNE_CLOCK and self.commune_deadline is not None

    def working_days_left(self, today=None) -> int | None:
        """Working days until the commune deadline (0 = due today, negative = overdue)."""
        if not self.on_commune_clock:
            return None
        return working_days_between(today or timezone.localdate(), self.commune_deadline)

    def is_overdue(self, today=None) -> bool:
        return self.on_commune_clock and (today or timezone.localdate()) > self.commune_deadline


class DossierVersion(models.Model):
    """What the producer filed. Open while a draft or returned; frozen once submitted."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    # Mẫu 01 and Mẫu 02 text (see ``content.SECTIONS``), self-assessment answers and notes.
    content = models.JSONField(default=dict)
    answers = models.JSONField(default=dict)  # criterion code -> option code
    notes = models.JSONField(default=dict)  # criterion code -> description of the evidence
    result = models.JSONField(default=dict)  # the engine's result at the last save
    # At submission: the producer's data as filed (name, representative, financial years).
    producer_snapshot = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["dossier", "number"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "number"], name="one_version_number")
        ]

    def __str__(self):
        return f"{self.dossier.code} v{self.number}"

    def save(self, *args, **kwargs):
        if (
            self.pk
            and DossierVersion.objects.filter(pk=self.pk, submitted_at__isnull=False).exists()
        ):
            raise FrozenVersion(self)
        super().save(*args, **kwargs)

    @property
    def frozen(self) -> bool:
        return self.submitted_at is not None


class EvidenceLink(models.Model):
    """A library document attached to a version, for one criterion, for a section with
    evidence of its own (its key, e.g. an upgrade's "changes": ``content.EVIDENCE_SECTIONS``)
    or ("") for the whole dossier."""

    version = models.ForeignKey(DossierVersion, on_delete=models.CASCADE, related_name="links")
    document = models.ForeignKey(EvidenceDocument, on_delete=models.PROTECT, related_name="links")
    criterion = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ["criterion", "document__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "document", "criterion"], name="one_link_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.version} · {self.criterion or '-'} · {self.document}"

    def save(self, *args, **kwargs):
        if self.version.frozen:
            raise FrozenVersion(self.version)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.version.frozen:
            raise FrozenVersion(self.version)
        return super().delete(*args, **kwargs)


class CommuneAssessment(models.Model):
    """Mẫu 03: the commune's assessment of four local items, and its proposal to the province
    (the number and date of its letter; the letter itself is a ``ProposalLetter``)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="assessment")
    raw_materials = models.TextField(_("về sử dụng nguyên liệu địa phương"), blank=True)
    labour = models.TextField(_("về sử dụng lao động địa phương"), blank=True)
    idea_origin = models.TextField(_("nguồn gốc ý tưởng sản phẩm"), blank=True)
    identity = models.TextField(_("bản sắc, trí tuệ địa phương"), blank=True)
    meeting_notes = models.TextField(_("biên bản họp (nếu có)"), blank=True)
    # The report's own number, if the commune gives one (the form has no number line).
    report_number = models.CharField(_("số báo cáo (nếu có)"), max_length=60, blank=True)
    letter_number = models.CharField(_("số văn bản đề nghị"), max_length=60, blank=True)
    letter_date = models.DateField(_("ngày văn bản đề nghị"), null=True, blank=True)
    samples_received = models.PositiveSmallIntegerField(_("số sản phẩm mẫu đã nhận"), default=0)
    signer = models.CharField(_("người ký (T.M UBND xã)"), max_length=150, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("báo cáo đánh giá của xã (Mẫu 03)")
        verbose_name_plural = _("báo cáo đánh giá của xã (Mẫu 03)")

    def __str__(self):
        return str(self.dossier)


def new_letter_name() -> str:
    """The letter's file name in storage: random (100 bits), never the uploaded name."""
    return opaque_code(length=20)


def letter_path(letter: "ProposalLetter", filename: str) -> str:
    return f"letters/{letter.storage_name[:2]}/{letter.storage_name}{letter.extension}"


class ProposalLetter(StoredFile):
    """Điều 6.2.a: the commune's letter proposing the dossier to the province, as a file:
    uploaded (checked by ``ocop.lib.uploads``) or generated from Mẫu 03. It bears the number
    and date Mẫu 03 gave when it was attached. The last one is the dossier's; earlier ones
    are kept (a proposal again after a province return may come with a new letter)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="letters")
    number = models.CharField(_("số văn bản đề nghị"), max_length=60)
    date = models.DateField(_("ngày văn bản đề nghị"))
    generated = models.BooleanField(_("tạo từ Mẫu 03"), default=False)
    storage_name = models.CharField(
        max_length=20, unique=True, default=new_letter_name, editable=False
    )
    file = models.FileField(upload_to=letter_path, max_length=200)
    attached_at = models.DateTimeField(default=timezone.now)
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("văn bản đề nghị của xã")
        verbose_name_plural = _("văn bản đề nghị của xã")
        ordering = ["dossier", "-attached_at", "-pk"]

    def __str__(self):
        return f"{self.dossier.code} · {self.number}"
