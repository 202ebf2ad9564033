"""Form fields the apps share: a date the browser picks (and a typed dd/mm/yyyy), a long
text with its limit said in Vietnamese."""

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BAD_DATE = _("Ngày không hợp lệ: hãy ghi theo dạng ngày/tháng/năm.")


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


def date_field(label, message, **kwargs):
    return forms.DateField(
        label=label,
        widget=DATE_INPUT,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"required": message, "invalid": BAD_DATE},
        **kwargs,
    )
