"""The review of a product idea or a business plan (cycle steps 2–3): one small lifecycle,
in the shape of the dossiers' (``ocop.dossiers.enums``): states, steps, one table.

The commune of the producer holds an item while it is submitted; its officers accept it or
return it with a note. A returned idea or plan is final: the producer files a new one.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReviewState(models.TextChoices):
    SUBMITTED = "submitted", _("Chờ xã xem xét")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    RETURNED = "returned", _("Trả lại")


class ReviewStep(models.TextChoices):
    ACCEPT = "accept", _("Chấp nhận")
    RETURN = "return", pgettext_lazy("decision", "Trả lại")


REVIEW_TRANSITIONS: dict[tuple[ReviewState, ReviewStep], ReviewState] = {
    (ReviewState.SUBMITTED, ReviewStep.ACCEPT): ReviewState.ACCEPTED,
    (ReviewState.SUBMITTED, ReviewStep.RETURN): ReviewState.RETURNED,
}
# Steps that need a note for the producer (what to change).
NOTE_REQUIRED = {ReviewStep.RETURN}
