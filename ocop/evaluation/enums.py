"""Councils, rounds and a product's evaluation (Điều 5, 7.3, 7.4, 26/2026/QĐ-TTg).

What the decision fixes is cited; what it leaves to each council's regulation (Quy chế
hoạt động) is a per-council setting in ``models.Council`` with a documented default.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    CENTRAL = "central", _("Cấp trung ương")


class Body(models.TextChoices):
    """Điều 7.3.b, 7.4.b: the council and its advisory team are set up together."""

    COUNCIL = "council", _("Hội đồng")
    ADVISORY = "advisory", _("Tổ tư vấn")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")
    MEMBER = "member", _("Thành viên")
    SECRETARY = "secretary", _("Thư ký")
    EXPERT = "expert", _("Chuyên gia được mời")
    LEADER = "leader", _("Tổ trưởng")


# Who fills a score sheet: every council member but the secretary (Phụ lục II "kiêm phiếu
# đánh giá": each evaluator signs their own sheet).
SCORING_ROLES = {MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER, MemberRole.EXPERT}


class MinimumsRule(models.TextChoices):
    """How the star minimums ("dấu sao") are judged with several evaluators: not in the
    decision, so the council's regulation says (default: the mean)."""

    MEAN = "mean", _("Theo điểm trung bình của từng tiêu chí")
    MAJORITY = "majority", _("Theo phương án được đa số thành viên chọn")


class Relation(models.TextChoices):
    """A member's relation to a producer in the round (conflict of interest)."""

    FAMILY = "family", _("Quan hệ gia đình")
    EMPLOYER = "employer", _("Làm việc cho chủ thể")
    COOPERATIVE = "cooperative", _("Cùng hợp tác xã, tổ hợp tác")
    ADVISER = "adviser", _("Tư vấn, hỗ trợ chủ thể")
    OTHER = "other", _("Quan hệ khác")
    # Found by the system, not declared:
    ACCOUNT = "account", _("Có tài khoản của chủ thể")
    COMMUNE_OFFICE = "commune_office", _("Là cán bộ OCOP của xã nơi chủ thể đăng ký")


DETECTED = {Relation.ACCOUNT, Relation.COMMUNE_OFFICE}
DECLARABLE = [r for r in Relation if r not in DETECTED]


class EvaluationState(models.TextChoices):
    SCORING = "scoring", _("Đang chấm điểm")
    DISCUSSION = "discussion", _("Cần thảo luận")
    CLOSED = "closed", _("Đã có kết quả")
    REJECTED = "rejected", _("Hồ sơ bị loại")


class EvaluationMode(models.TextChoices):
    """How the council evaluates a product. A first evaluation or an upgrade is scored at
    the council's meeting (Điều 7.3.d, 7.4.d); a re-evaluation "thông qua hình thức lấy ý
    kiến bằng văn bản" (Điều 7.6.d, 7.6.e): each member's signed sheet is their written
    opinion, and the council meets only when its chair decides to (``MeetingGround``)."""

    MEETING = "meeting", _("Họp Hội đồng")
    WRITTEN = "written", _("Lấy ý kiến bằng văn bản")


class MeetingGround(models.TextChoices):
    """The two grounds on which a re-evaluation is discussed at a meeting (Điều 7.6.d)."""

    DIFFERING = "differing", _("Có nhiều ý kiến đánh giá khác nhau")
    COMPLEX = "complex", _("Có nội dung phức tạp cần thảo luận")


class VisitGround(models.TextChoices):
    """Why a re-evaluated product is visited on site: only these two (Điều 7.6.c, 7.6.e)."""

    SCALE = "scale", _("Thay đổi lớn về quy mô sản xuất")
    EVIDENCE = "evidence", _("Hồ sơ minh chứng không rõ ràng")


class EvaluationStep(models.TextChoices):
    DIVERGE = "diverge", _("Điểm chênh lệch quá ngưỡng")
    REOPEN = "reopen", _("Mở lại phiếu để chấm lại")
    CLOSE = "close", _("Kết thúc chấm, chốt kết quả")
    REJECT = "reject", _("Loại hồ sơ")


E = EvaluationState
EVALUATION_TRANSITIONS: dict[tuple[EvaluationState, EvaluationStep], EvaluationState] = {
    (E.SCORING, EvaluationStep.DIVERGE): E.DISCUSSION,
    (E.SCORING, EvaluationStep.CLOSE): E.CLOSED,
    (E.SCORING, EvaluationStep.REJECT): E.REJECTED,
    (E.DISCUSSION, EvaluationStep.REOPEN): E.SCORING,
    (E.DISCUSSION, EvaluationStep.REJECT): E.REJECTED,
}
# States in which members may still fill and submit their sheets.
SCORING_OPEN = {E.SCORING, E.DISCUSSION}
FINISHED = {E.CLOSED, E.REJECTED}


class ReportConclusion(models.TextChoices):
    """What the advisory team proposes to the chair. Điều 7.3.c, 7.4.c only say the team
    writes an evaluation report to the chair; these are the council's regulation's words."""

    READY = "ready", _("Hồ sơ đủ điều kiện đưa ra Hội đồng đánh giá")
    WITH_NOTES = "with_notes", _("Đưa ra Hội đồng đánh giá, kèm các nội dung cần lưu ý")
    NOT_READY = "not_ready", _("Hồ sơ chưa đủ điều kiện, đề nghị bổ sung, hoàn thiện")
