from django import forms
from django.utils.translation import gettext_lazy as _

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HeadingForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=60)
    signed_on = forms.DateField(label=_("Ngày ký"), widget=DATE_INPUT)
    signer = forms.CharField(label=_("Người ký"), max_length=150, initial=_("Chủ tịch UBND tỉnh"))


class CorrectionForm(HeadingForm):
    reason = forms.CharField(
        label=_("Lý do sửa đổi, bãi bỏ"), widget=forms.Textarea(attrs={"rows": 2})
    )


class NoticeForm(forms.Form):
    number = forms.CharField(label=_("Số văn bản thông báo"), max_length=60)
    signed_on = forms.DateField(label=_("Ngày"), widget=DATE_INPUT)
