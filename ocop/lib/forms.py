"""Form fields the apps share: a date the browser picks (and a typed dd/mm/yyyy), a long
text with its limit said in Vietnamese, and the sanity limits of a date."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BAD_DATE = _("Ngày không hợp lệ: hãy ghi theo dạng ngày/tháng/năm.")

# Django's own messages that its Vietnamese catalogue lacks or words badly, named here so
# that ``makemessages`` keeps them in ours (LOCALE_PATHS come first), where they read well.
DJANGO_MESSAGES = (
    gettext_noop("Null characters are not allowed."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
)

EARLIEST_YEAR = 1900


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@deconstructible
class SaneDate:
    """A date a person could mean: not before 1900 and at most ``years_ahead`` years after
    today (0: not after today, for what has happened: a founding, an issue, a signature)."""

    def __init__(self, years_ahead: int = 0):
        self.years_ahead = years_ahead

    def __call__(self, value: dt.date) -> None:
        if value.year < EARLIEST_YEAR:
            raise ValidationError(
                _("Ngày không hợp lệ: năm phải từ %(year)d trở đi."),
                code="too_early",
                params={"year": EARLIEST_YEAR},
            )
        today = timezone.localdate()
        if self.years_ahead == 0:
            if value > today:
                raise ValidationError(
                    _("Ngày này chưa đến: không được sau hôm nay (%(today)s)."),
                    code="future",
                    params={"today": today.strftime("%d/%m/%Y")},
                )
            return
        limit = _years_after(today, self.years_ahead)
        if value > limit:
            raise ValidationError(
                _("Ngày quá xa: không được sau %(limit)s (%(years)d năm kể từ hôm nay)."),
                code="too_far",
                params={"limit": limit.strftime("%d/%m/%Y"), "years": self.years_ahead},
            )

    def __eq__(self, other):
        return isinstance(other, SaneDate) and other.years_ahead == self.years_ahead


# Founding, issue, signing, decision, letter, visit, completion dates: not after today.
past_date = SaneDate(0)
# Papers the office prepares here before they are signed (a draft decision, a notice, a
# council's establishing decision, a letter sent with a package): the planned date, at most
# a year ahead.
drafted_date = SaneDate(1)
# Planned events and deadlines (an inspection, a round's closing, a time limit).
soon_date = SaneDate(5)
# Ends of validity (a paper's expiry, a certificate's, a council's term).
expiry_date = SaneDate(50)


def limit_dates(form: forms.BaseForm, **rules: SaneDate) -> None:
    """Add a sanity limit to date fields of a (model) form: ``limit_dates(self,
    founded_on=past_date)`` in its ``__init__``."""
    for name, rule in rules.items():
        form.fields[name].validators.append(rule)


def long_text(label, message="", *, max_length: int, rows: int = 3, required: bool = True):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": message,
            "max_length": _("Nội dung dài quá %(limit_value)d ký tự."),
        },
    )


def date_field(label, message, *, limit: SaneDate, **kwargs):
    return forms.DateField(
        label=label,
        widget=DATE_INPUT,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"required": message, "invalid": BAD_DATE},
        validators=[limit],
        **kwargs,
    )
