"""Decisions of the province (and later the ministry) and their lines; notices for 1★–2★.
A recorded decision is never edited: a correction is a new decision naming the lines it
withdraws (house rule 4)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ocop.evaluation.models import Evaluation, Round
from ocop.lib.codes import opaque_code
from ocop.places.models import Province
from ocop.recognition.enums import DecisionKind, DecisionState, LineAction


def new_decision_code() -> str:
    return opaque_code("QD-")


def new_notice_code() -> str:
    return opaque_code("TB-")


class Decision(models.Model):
    code = models.CharField(max_length=12, unique=True, default=new_decision_code, editable=False)
    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh, thành phố"), on_delete=models.PROTECT, related_name="+"
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
            models.CheckConstraint(
                condition=~Q(kind=DecisionKind.CORRECTION) | Q(corrects__isnull=False),
                name="correction_names_its_decision",
            ),
        ]

    def __str__(self):
        return f"{self.number} ({self.get_kind_display()})"

    @property
    def recorded(self) -> bool:
        return self.state == DecisionState.RECORDED


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
