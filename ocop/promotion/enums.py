"""Trade promotion (xúc tiến thương mại): the kinds of event, and the two lifecycles, each an
enum with its transition table (house rule 2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    FAIR = "fair", _("Hội chợ")
    FESTIVAL = "festival", _("Lễ hội")
    SHOWROOM = "showroom", _("Trưng bày / showroom")
    POINT_OF_SALE = "point_of_sale", _("Điểm giới thiệu và bán sản phẩm OCOP")


# A showroom or a point of sale may be permanent (no end date); a fair or a festival ends.
MAY_BE_PERMANENT = {EventKind.SHOWROOM, EventKind.POINT_OF_SALE}


class EventState(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã công bố")
    CANCELLED = "cancelled", _("Đã hủy")


EVENT_TRANSITIONS = {
    ("publish", EventState.DRAFT): EventState.PUBLISHED,
    ("cancel", EventState.DRAFT): EventState.CANCELLED,
    ("cancel", EventState.PUBLISHED): EventState.CANCELLED,
}
# What a visitor may open (a cancelled event keeps its page, marked "Đã hủy").
PUBLIC_STATES = {EventState.PUBLISHED, EventState.CANCELLED}
# What the province's office may still edit.
EDITABLE_STATES = {EventState.DRAFT, EventState.PUBLISHED}


class ParticipationState(models.TextChoices):
    APPLIED = "applied", _("Đã đăng ký, chờ xét")
    ACCEPTED = "accepted", _("Được nhận tham gia")
    DECLINED = "declined", _("Không được nhận")
    WITHDRAWN = "withdrawn", _("Đã rút")


PARTICIPATION_TRANSITIONS = {
    ("accept", ParticipationState.APPLIED): ParticipationState.ACCEPTED,
    ("decline", ParticipationState.APPLIED): ParticipationState.DECLINED,
    ("withdraw", ParticipationState.APPLIED): ParticipationState.WITHDRAWN,
    ("withdraw", ParticipationState.ACCEPTED): ParticipationState.WITHDRAWN,
    # A producer who withdrew may apply again (the one row per event and producer reopens).
    ("apply", ParticipationState.WITHDRAWN): ParticipationState.APPLIED,
    # The office may add a producer that withdrew or was declined.
    ("add", ParticipationState.WITHDRAWN): ParticipationState.ACCEPTED,
    ("add", ParticipationState.DECLINED): ParticipationState.ACCEPTED,
}
# Still taking part, or waiting to: counted against the one participation per producer.
LIVE_STATES = {ParticipationState.APPLIED, ParticipationState.ACCEPTED}
