"""The dossier lifecycle: one enum of states, one table of transitions (Điều 6–7, 26/2026).

Who may take a step is decided by who holds the dossier in its current state (``HOLDER``):
the producer while it is a draft or returned, the commune while it is submitted or under
review, the province while it is proposed or being checked. Only the commune sends a dossier
to the province, also after the province returned it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierKind(models.TextChoices):
    """Mẫu 01, mục 4: Lần đăng ký đánh giá."""

    FIRST = "first", _("Đánh giá lần đầu")
    UPGRADE = "upgrade", _("Nâng hạng")
    RE_EVALUATION = "re_evaluation", _("Đánh giá lại")


class State(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đã nộp, chờ xã tiếp nhận")
    COMMUNE_REVIEWING = "commune_reviewing", _("Xã đang xem xét")
    RETURNED_BY_COMMUNE = "returned_by_commune", _("Xã trả lại để bổ sung")
    PROPOSED = "proposed", _("Xã đã đề nghị, chờ tỉnh tiếp nhận")
    PROVINCE_CHECKING = "province_checking", _("Tỉnh đang kiểm tra")
    RETURNED_BY_PROVINCE = "returned_by_province", _("Tỉnh trả lại để bổ sung")
    ACCEPTED = "accepted", _("Đã nhận vào đợt đánh giá")
    WITHDRAWN = "withdrawn", _("Đã rút")


class Step(models.TextChoices):
    SUBMIT = "submit", _("Nộp hồ sơ")
    RECEIVE = "receive", _("Tiếp nhận hồ sơ")
    RETURN = "return", _("Trả lại để bổ sung")
    PROPOSE = "propose", _("Đề nghị tỉnh đánh giá, phân hạng")
    ACCEPT = "accept", _("Nhận vào đợt đánh giá")
    WITHDRAW = "withdraw", _("Rút hồ sơ")


class Side(models.TextChoices):
    PRODUCER = "producer", _("Chủ thể")
    COMMUNE = "commune", _("Ủy ban nhân dân cấp xã")
    PROVINCE = "province", _("Cơ quan quản lý OCOP cấp tỉnh")


S = State
TRANSITIONS: dict[tuple[State, Step], State] = {
    (S.DRAFT, Step.SUBMIT): S.SUBMITTED,
    (S.DRAFT, Step.WITHDRAW): S.WITHDRAWN,
    (S.SUBMITTED, Step.RECEIVE): S.COMMUNE_REVIEWING,
    (S.SUBMITTED, Step.RETURN): S.RETURNED_BY_COMMUNE,
    (S.COMMUNE_REVIEWING, Step.RETURN): S.RETURNED_BY_COMMUNE,
    (S.COMMUNE_REVIEWING, Step.PROPOSE): S.PROPOSED,
    (S.RETURNED_BY_COMMUNE, Step.SUBMIT): S.SUBMITTED,
    (S.RETURNED_BY_COMMUNE, Step.WITHDRAW): S.WITHDRAWN,
    (S.PROPOSED, Step.RECEIVE): S.PROVINCE_CHECKING,
    (S.PROPOSED, Step.RETURN): S.RETURNED_BY_PROVINCE,
    (S.PROVINCE_CHECKING, Step.RETURN): S.RETURNED_BY_PROVINCE,
    (S.PROVINCE_CHECKING, Step.ACCEPT): S.ACCEPTED,
    # Điều 7.3.a: the province guides the commune and the producer; the completed dossier
    # goes back through the commune, which may amend Mẫu 03 and its letter and propose it
    # again (that proposal is the re-send: ``actions.proposal_day``).
    (S.RETURNED_BY_PROVINCE, Step.SUBMIT): S.SUBMITTED,
    (S.RETURNED_BY_PROVINCE, Step.WITHDRAW): S.WITHDRAWN,
}

# Who holds the dossier (and so may act on it) in each state.
HOLDER: dict[State, Side | None] = {
    S.DRAFT: Side.PRODUCER,
    S.SUBMITTED: Side.COMMUNE,
    S.COMMUNE_REVIEWING: Side.COMMUNE,
    S.RETURNED_BY_COMMUNE: Side.PRODUCER,
    S.PROPOSED: Side.PROVINCE,
    S.PROVINCE_CHECKING: Side.PROVINCE,
    S.RETURNED_BY_PROVINCE: Side.PRODUCER,
    S.ACCEPTED: None,
    S.WITHDRAWN: None,
}

# States in which the producer's open version can be edited.
EDITABLE = {S.DRAFT, S.RETURNED_BY_COMMUNE, S.RETURNED_BY_PROVINCE}
# States counted against the commune's 15-working-day deadline.
COMMUNE_CLOCK = {S.SUBMITTED, S.COMMUNE_REVIEWING}
# States in which the commune fills in Mẫu 03.
COMMUNE_ASSESSING = {S.SUBMITTED, S.COMMUNE_REVIEWING}

COMMUNE_DEADLINE_WORKING_DAYS = 15  # Điều 7.2


def steps_from(state: State) -> list[Step]:
    return [step for (source, step) in TRANSITIONS if source == state]
