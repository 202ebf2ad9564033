"""Decisions of the province (and later the ministry) and their lines; notices for 1★–2★.
A recorded decision is never edited: a correction is a new decision naming the lines it
withdraws (house rule 4)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.dossiers.models import Dossier
from ocop.evaluation.models import Evaluation, Round
from ocop.lib.codes import opaque_code
from ocop.lib.models import StoredFile
from ocop.places.models import Province
from ocop.recognition.enums import (
    DecisionKind,
    DecisionState,
    LineAction,
    PackageItem,
    PackageKind,
    PackageState,
    ProvinceChoice,
)


def new_decision_code() -> str:
    return opaque_code("QD-")


def new_notice_code() -> str:
    return opaque_code("TB-")


class Decision(models.Model):
    """A decision of the province's Chairman, or (``province`` empty) of the Minister."""

    code = models.CharField(max_length=12, unique=True, default=new_decision_code, editable=False)
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    round = models.ForeignKey(
        Round, verbose_name=_("đợt"), on_delete=models.PROTECT, related_name="decisions"
    )
    kind = models.CharField(_("loại quyết định"), max_length=12, choices=DecisionKind.choices)
    number = models.CharField(_("số quyết định"), max_length=60)
    signed_on = models.DateField(_("ngày ký"))
    signer = models.CharField(_("người ký"), max_length=150)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("sửa đổi, bãi bỏ quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    reason = models.TextField(_("lý do sửa đổi, bãi bỏ"), blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=DecisionState.choices, default=DecisionState.DRAFT
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("quyết định")
        verbose_name_plural = _("quyết định")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["province", "number"], name="one_decision_number"),
            models.UniqueConstraint(
                fields=["number"],
                condition=Q(province__isnull=True),
                name="one_ministry_decision_number",
            ),
            models.CheckConstraint(
                condition=~Q(kind=DecisionKind.MINISTRY) | Q(province__isnull=True),
                name="ministry_decision_has_no_province",
            ),
            models.CheckConstraint(
                condition=~Q(kind=DecisionKind.CORRECTION) | Q(corrects__isnull=False),
                name="correction_names_its_decision",
            ),
        ]

    def __str__(self):
        return f"{self.number} ({self.get_kind_display()})"

    def get_absolute_url(self) -> str:
        return reverse("recognition:decision", args=[self.code])

    @property
    def recorded(self) -> bool:
        return self.state == DecisionState.RECORDED

    @property
    def by_ministry(self) -> bool:
        return self.province_id is None


class LineQuerySet(models.QuerySet):
    def standing(self):
        """Lines that grant something (recognise, approve) and that no recorded correction
        has withdrawn: the one definition of "still in force"."""
        withdrawn = DecisionLine.objects.filter(
            action=LineAction.WITHDRAW, decision__state=DecisionState.RECORDED
        ).values("withdraws_id")
        return self.exclude(action=LineAction.WITHDRAW).exclude(pk__in=withdrawn)


class DecisionLine(models.Model):
    """One product in a decision's annex, as it stood when the decision was made."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines")
    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("nội dung"), max_length=10, choices=LineAction.choices)
    withdraws = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="withdrawn_by"
    )
    # The annex as printed: product, producer, commune, set, score and stars.
    product_name = models.CharField(_("sản phẩm"), max_length=200)
    product_code = models.CharField(_("mã sản phẩm"), max_length=20, blank=True)
    producer_name = models.CharField(_("chủ thể"), max_length=200)
    commune_name = models.CharField(_("xã, phường, đặc khu"), max_length=200)
    product_set = models.CharField(_("bộ sản phẩm"), max_length=300)
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2)
    stars = models.PositiveSmallIntegerField(_("số sao"))

    objects = LineQuerySet.as_manager()

    class Meta:
        verbose_name = _("dòng quyết định")
        verbose_name_plural = _("dòng quyết định")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.product_name} · {self.get_action_display()}"


class Notice(models.Model):
    """The written notice of a 1★–2★ result (Điều 7.3.g): the score and what to improve."""

    code = models.CharField(max_length=12, unique=True, default=new_notice_code, editable=False)
    evaluation = models.OneToOneField(Evaluation, on_delete=models.PROTECT, related_name="notice")
    number = models.CharField(_("số văn bản"), max_length=60)
    signed_on = models.DateField(_("ngày ký"))
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2)
    stars = models.PositiveSmallIntegerField(_("số sao"))
    improvements = models.JSONField(default=list, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("thông báo kết quả")
        verbose_name_plural = _("thông báo kết quả")

    def __str__(self):
        return f"{self.number} · {self.evaluation}"


def new_package_code() -> str:
    return opaque_code("GT-")


class Package(models.Model):
    """The province's proposal of a product to the ministry (Điều 6.3, 7.4.a): for a first
    evaluation after the Chairman approved a result of 90 points or more (6.3.a), or for
    the re-evaluation of a 5★ product (6.3.b). The central office receives it against the
    checklist of ``packages.checklist`` or returns it; the central council then scores the
    dossier in a central round."""

    code = models.CharField(max_length=12, unique=True, default=new_package_code, editable=False)
    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh, thành phố"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại hồ sơ"), max_length=16, choices=PackageKind.choices)
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ sản phẩm"), on_delete=models.PROTECT, related_name="+"
    )
    # The approval of the province's result (first evaluations only).
    approval = models.ForeignKey(
        DecisionLine,
        verbose_name=_("phê duyệt kết quả"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="packages",
    )
    letter_number = models.CharField(_("số văn bản của UBND tỉnh"), max_length=60, blank=True)
    letter_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    letter_signer = models.CharField(_("người ký văn bản"), max_length=150, blank=True)
    samples_sent = models.PositiveSmallIntegerField(_("số sản phẩm mẫu gửi kèm"), default=0)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=PackageState.choices, default=PackageState.DRAFT
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    samples_received = models.PositiveSmallIntegerField(_("số sản phẩm mẫu nhận được"), default=0)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    # Điều 7.4.g, below 90 points at the ministry.
    choice = models.CharField(
        _("hướng xử lý của tỉnh"), max_length=12, choices=ProvinceChoice.choices, blank=True
    )
    choice_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("hồ sơ đề nghị Bộ đánh giá 5 sao")
        verbose_name_plural = _("hồ sơ đề nghị Bộ đánh giá 5 sao")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=PackageKind.RE_EVALUATION) | Q(approval__isnull=False),
                name="first_package_has_approval",
            ),
        ]

    def __str__(self):
        return f"{self.code} · {self.dossier.product}"


def new_package_file_name() -> str:
    return opaque_code(length=20)


def package_file_path(f: "PackageFile", filename: str) -> str:
    return f"packages/{f.storage_name[:2]}/{f.storage_name}{f.extension}"


class PackageFile(StoredFile):
    """A paper of the package the province uploads (its letter, a report, extra tests), or
    the letter generated from the package. The last one of an item is the package's."""

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="files")
    item = models.CharField(_("giấy tờ"), max_length=20, choices=PackageItem.choices)
    generated = models.BooleanField(default=False)
    storage_name = models.CharField(
        max_length=20, unique=True, default=new_package_file_name, editable=False
    )
    file = models.FileField(upload_to=package_file_path, max_length=200)
    attached_at = models.DateTimeField(auto_now_add=True)
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["package", "item", "-attached_at", "-pk"]

    def __str__(self):
        return f"{self.package.code} · {self.get_item_display()}"
