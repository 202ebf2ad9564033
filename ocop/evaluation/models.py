"""Councils and their advisory teams, rounds, and each product's evaluation with one score
sheet per member. Workflow lives in ``actions``; models hold tables and small invariants."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.dossiers.models import Dossier
from ocop.evaluation.enums import (
    FINISHED,
    SCORING_ROLES,
    Body,
    EvaluationMode,
    EvaluationState,
    Level,
    MeetingGround,
    MemberRole,
    MinimumsRule,
    Relation,
    ReportConclusion,
    VisitGround,
)
from ocop.legal import reevaluation
from ocop.lib.codes import opaque_code
from ocop.places.models import Province
from ocop.producers.models import EvidenceDocument, Producer


def new_council_code() -> str:
    return opaque_code("HD-")


def new_round_code() -> str:
    return opaque_code("DG-")


def new_evaluation_code() -> str:
    return opaque_code("PH-")


class Council(models.Model):
    """A provincial (Điều 7.3.b) or central (Điều 7.4.b) council and its advisory team,
    established by one decision, with the settings of its regulation (Quy chế hoạt động).

    The decision does not fix quorum, spread, visibility of others' scores or how star
    minimums apply to several evaluators: those are the regulation's, with these defaults.
    """

    code = models.CharField(max_length=12, unique=True, default=new_council_code, editable=False)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("tên hội đồng"), max_length=300)
    decision_number = models.CharField(_("số quyết định thành lập"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    decision_signer = models.CharField(_("người ký quyết định"), max_length=150)
    regulation_reference = models.CharField(
        _("quyết định ban hành Quy chế hoạt động"), max_length=200, blank=True
    )
    term_from = models.DateField(_("nhiệm kỳ từ ngày"))
    term_to = models.DateField(_("nhiệm kỳ đến ngày"), null=True, blank=True)
    # --- the regulation's settings (not law) ---------------------------------------------
    # ≥ 3/4 of the members with the chair present, as provincial regulations commonly say.
    quorum_ratio = models.DecimalField(
        _("tỷ lệ thành viên tối thiểu để chốt kết quả"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.75"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("1"))],
    )
    chair_required = models.BooleanField(_("phải có Chủ tịch Hội đồng chấm"), default=True)
    # No two members' totals more than 10 points apart, else discuss and re-score.
    spread_threshold = models.DecimalField(
        _("chênh lệch tổng điểm tối đa giữa các thành viên"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("10"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    members_see_scores = models.BooleanField(
        _("thành viên xem điểm của nhau trước khi nộp phiếu"), default=False
    )
    minimums_rule = models.CharField(
        _("cách xét yêu cầu tối thiểu (dấu sao)"),
        max_length=10,
        choices=MinimumsRule.choices,
        default=MinimumsRule.MEAN,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("hội đồng đánh giá, phân hạng")
        verbose_name_plural = _("hội đồng đánh giá, phân hạng")
        ordering = ["-decision_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level=Level.CENTRAL, province__isnull=True)
                | Q(level=Level.PROVINCE, province__isnull=False),
                name="council_level_place",
            )
        ]

    def __str__(self):
        return self.name


class CouncilMember(models.Model):
    """A person on the council or its advisory team, with their office and role. A member
    who leaves keeps the row (``left_on``) so earlier minutes still name them."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.PROTECT,
        related_name="council_seats",
    )
    body = models.CharField(_("thuộc"), max_length=10, choices=Body.choices, default=Body.COUNCIL)
    role = models.CharField(_("vai trò"), max_length=12, choices=MemberRole.choices)
    office = models.CharField(_("cơ quan, đơn vị"), max_length=200)
    title = models.CharField(_("chức vụ"), max_length=150, blank=True)
    joined_on = models.DateField(_("từ ngày"))
    left_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        ordering = ["body", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "user", "body"],
                condition=Q(left_on__isnull=True),
                name="one_active_seat_per_body",
            ),
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(role=MemberRole.CHAIR, left_on__isnull=True),
                name="one_chair_per_council",
            ),
        ]

    def __str__(self):
        return f"{self.user.full_name or self.user.username} ({self.get_role_display()})"

    @property
    def name(self) -> str:
        return self.user.full_name or self.user.username

    @property
    def scores(self) -> bool:
        return self.body == Body.COUNCIL and self.role in SCORING_ROLES

    @property
    def is_chair(self) -> bool:
        return self.body == Body.COUNCIL and self.role == MemberRole.CHAIR


class Round(models.Model):
    """An evaluation round (đợt, Điều 5): its cut-off for proposals and its deadline. An
    extra round names the regulation and the plan that allow it (Điều 5.1, 5.2)."""

    code = models.CharField(max_length=12, unique=True, default=new_round_code, editable=False)
    council = models.ForeignKey(
        Council, verbose_name=_("hội đồng"), on_delete=models.PROTECT, related_name="rounds"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveSmallIntegerField(_("đợt"))
    extra = models.BooleanField(_("đợt bổ sung"), default=False)
    proposals_before = models.DateField(_("nhận hồ sơ đề nghị trước ngày"))
    finish_before = models.DateField(_("hoàn thành trước ngày"))
    regulation_reference = models.CharField(
        _("căn cứ Quy chế cho phép đợt bổ sung"), max_length=200, blank=True
    )
    plan_reference = models.CharField(_("kế hoạch đánh giá"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("đợt đánh giá")
        verbose_name_plural = _("đợt đánh giá")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year", "number"], name="one_round_number"),
            models.CheckConstraint(
                condition=Q(extra=False) | (~Q(regulation_reference="") & ~Q(plan_reference="")),
                name="extra_round_has_basis",
            ),
        ]

    def __str__(self):
        return _("Đợt %(number)s năm %(year)s") % {"number": self.number, "year": self.year}


class Evaluation(models.Model):
    """One product dossier scored by a council in a round."""

    code = models.CharField(max_length=12, unique=True, default=new_evaluation_code, editable=False)
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="evaluations")
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=EvaluationState.choices,
        default=EvaluationState.SCORING,
    )
    state_changed_at = models.DateTimeField(auto_now_add=True)
    # Filled when the chair closes it: mean, parts, spread, stars, who counted, recusals.
    result = models.JSONField(default=dict, blank=True)
    rejection_reason = models.TextField(_("lý do loại hồ sơ"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(auto_now_add=True)
    # How the council evaluates (Điều 7.6.d): set when the dossier is added, written for a
    # re-evaluation. The chair's decision to meet after all is kept with its ground.
    mode = models.CharField(
        _("hình thức đánh giá"),
        max_length=10,
        choices=EvaluationMode.choices,
        default=EvaluationMode.MEETING,
    )
    meeting_ground = models.CharField(
        _("lý do họp trực tiếp"), max_length=12, choices=MeetingGround.choices, blank=True
    )
    meeting_note = models.TextField(_("nội dung cần thảo luận"), blank=True)
    meeting_called_at = models.DateTimeField(null=True, blank=True)
    meeting_called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The first day of the 45 days of a re-evaluation (Điều 7.6.g): the day the complete
    # proposal was received (``councils.add_dossiers``); none for other evaluations.
    clock_starts_on = models.DateField(_("ngày nhận đủ hồ sơ đề nghị"), null=True, blank=True)

    class Meta:
        verbose_name = _("đánh giá sản phẩm")
        verbose_name_plural = _("đánh giá sản phẩm")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "dossier"], name="one_evaluation_per_round")
        ]

    def __str__(self):
        return f"{self.dossier.product.name} ({self.code})"

    @property
    def written(self) -> bool:
        return self.mode == EvaluationMode.WRITTEN

    @property
    def meeting_called(self) -> bool:
        """The chair decided to hold a meeting on a re-evaluation (Điều 7.6.d)."""
        return self.meeting_called_at is not None

    @property
    def clock(self) -> dict | None:
        """The 45 days of Điều 7.6.g as of today (``clock_on``); None without a clock."""
        return self.clock_on(timezone.localdate())

    def clock_on(self, today: dt.date) -> dict | None:
        """Deadline, days left (0: the last day; negative: late) and, once the evaluation has
        a result, whether it came within the 45 days."""
        start = self.clock_starts_on
        if start is None:
            return None
        finished_on = None
        if self.state in FINISHED and self.closed_at is not None:
            finished_on = timezone.localdate(self.closed_at)
        day = finished_on or today
        left = reevaluation.days_left(start, day)
        return {
            "starts_on": start,
            "deadline": reevaluation.deadline(start),
            "days_left": left,
            "days_over": max(0, -left),
            "overdue": left < 0,
            "finished_on": finished_on,
            "in_time": finished_on is not None and left >= 0,
        }


class Declaration(models.Model):
    """A member's declaration of interests for a round, made before scoring. Relations the
    system can see are added to it as detected ``Interest`` rows."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="declarations")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "member"], name="one_declaration")]

    def __str__(self):
        return f"{self.member} · {self.round}"


class Interest(models.Model):
    """A member's relation to one producer in the round: the member is recused from that
    producer's products, and quorum counts without them."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="interests")
    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="+")
    relation = models.CharField(_("quan hệ"), max_length=16, choices=Relation.choices)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["declaration", "producer"], name="one_interest")
        ]

    def __str__(self):
        return f"{self.producer} · {self.get_relation_display()}"


class ScoreSheet(models.Model):
    """One member's Phụ lục II for one product ("kiêm phiếu đánh giá"): saved as they go,
    then submitted, which locks and signs it. The chair may reopen it after a discussion."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="sheets")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="sheets")
    answers = models.JSONField(default=dict, blank=True)
    # Indexes (from 0) of the sheet's "Hồ sơ bị loại khi …" conditions the member ticked.
    rejections = models.JSONField(default=list, blank=True)
    comment = models.TextField(_("ý kiến của người đánh giá"), blank=True)
    result = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reopened = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phiếu đánh giá")
        verbose_name_plural = _("phiếu đánh giá")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "member"], name="one_sheet_per_member")
        ]

    def __str__(self):
        return f"{self.member} · {self.evaluation}"

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


class Discussion(models.Model):
    """What the council discussed when the spread was too wide, and whose sheets reopened."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="discussions")
    note = models.TextField(_("nội dung thảo luận"))
    reopened = models.ManyToManyField(CouncilMember, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["at"]

    def __str__(self):
        return self.note[:80]


# --- the advisory team's review of a dossier (Điều 7.3.c, 7.4.c) ---------------------------
# Written only through ``ocop.evaluation.advisory``; the producer sees its document requests
# (and the lab tests asked of it), never the team's findings, visits or report.


def new_request_code() -> str:
    return opaque_code("YC-")


def new_advisory_file_code() -> str:
    return opaque_code("TV-")


def _by(**kwargs):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name="+", **kwargs
    )


class Finding(models.Model):
    """A note of the team on the dossier, on one criterion of the sheet or on the whole."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="findings")
    criterion = models.CharField(_("tiêu chí"), max_length=20, blank=True)
    text = models.TextField(_("nhận xét"))
    by = _by(null=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return self.text[:80]


class DocumentRequest(models.Model):
    """The team asks the producer for more documents ("đề xuất bổ sung hồ sơ"); the producer
    answers once in the system with a text and documents of its library. Both are kept."""

    code = models.CharField(max_length=12, unique=True, default=new_request_code, editable=False)
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="document_requests"
    )
    what = models.TextField(_("tài liệu cần bổ sung"))
    due_on = models.DateField(_("hạn bổ sung"))
    asked_by = _by(null=True)
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("trả lời của chủ thể"), blank=True)
    documents = models.ManyToManyField(
        EvidenceDocument, verbose_name=_("tài liệu bổ sung"), blank=True, related_name="+"
    )
    answered_by = _by(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]

    def __str__(self):
        return self.what[:80]

    @property
    def answered(self) -> bool:
        return self.answered_at is not None


class FieldVisit(models.Model):
    """A visit to the production site ("khảo sát thực tế tại cơ sở sản xuất, kinh doanh")."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("ngày khảo sát"))
    people = models.TextField(_("thành phần tham gia"))
    notes = models.TextField(_("kết quả khảo sát"))
    # Required for a re-evaluation: the only two reasons to visit (Điều 7.6.c, 7.6.e).
    ground = models.CharField(
        _("lý do khảo sát thực tế"), max_length=10, choices=VisitGround.choices, blank=True
    )
    by = _by(null=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-pk"]

    def __str__(self):
        return f"{self.visited_on:%d/%m/%Y}"


class LabTest(models.Model):
    """Extra quality test results the team asks for ("đề nghị bổ sung kết quả kiểm nghiệm
    chất lượng (nếu cần)"), and the result once the lab's paper is in."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="lab_tests")
    what = models.TextField(_("chỉ tiêu cần kiểm nghiệm"))
    lab = models.CharField(_("đơn vị kiểm nghiệm"), max_length=200, blank=True)
    asked_by = _by(null=True)
    asked_at = models.DateTimeField(auto_now_add=True)
    result_note = models.TextField(_("kết quả kiểm nghiệm"), blank=True)
    result_by = _by(null=True, blank=True)
    result_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]

    def __str__(self):
        return self.what[:80]

    @property
    def done(self) -> bool:
        return self.result_at is not None


def advisory_file_path(f: "AdvisoryFile", filename: str) -> str:
    """Random, never derived from the user's file name (as the evidence library)."""
    return f"advisory/{f.code[3:5]}/{f.code}{f.extension}"


def advisory_thumbnail_path(f: "AdvisoryFile", filename: str) -> str:
    return f"advisory/{f.code[3:5]}/{f.code}-thumb.webp"


class AdvisoryFile(models.Model):
    """A file of the team's own (a visit's photo, a lab's result), checked by
    ``ocop.lib.uploads``; it never changes, and is served only to those who see the review."""

    code = models.CharField(
        max_length=12, unique=True, default=new_advisory_file_code, editable=False
    )
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="advisory_files"
    )
    visit = models.ForeignKey(
        FieldVisit, null=True, blank=True, on_delete=models.CASCADE, related_name="photos"
    )
    lab_test = models.ForeignKey(
        LabTest, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(upload_to=advisory_file_path, max_length=200)
    thumbnail = models.FileField(upload_to=advisory_thumbnail_path, max_length=200, blank=True)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = _by(null=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(visit__isnull=False, lab_test__isnull=True)
                | Q(visit__isnull=True, lab_test__isnull=False),
                name="advisory_file_of_visit_or_lab_test",
            )
        ]

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class AdvisoryReport(models.Model):
    """The team's evaluation report to the chair ("báo cáo đánh giá gửi Chủ tịch Hội đồng").
    Filed once and never edited: a later report supersedes it, and both are kept."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="advisory_reports"
    )
    text = models.TextField(_("nội dung báo cáo"))
    conclusion = models.CharField(
        _("kết luận, đề xuất"), max_length=12, choices=ReportConclusion.choices
    )
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="superseded_by",
    )
    filed_by = _by(null=True)
    filed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-filed_at", "-pk"]

    def __str__(self):
        return f"{self.get_conclusion_display()} ({self.filed_at:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A filed advisory report is never edited; file a new one.")
        super().save(*args, **kwargs)
