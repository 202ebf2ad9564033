from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.lib.forms import drafted_date
from ocop.lib.uploads import EvidenceFileField

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HeadingForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=60)
    signed_on = forms.DateField(label=_("Ngày ký"), widget=DATE_INPUT, validators=[drafted_date])
    signer = forms.CharField(label=_("Người ký"), max_length=150, initial=_("Chủ tịch UBND tỉnh"))


class CorrectionForm(HeadingForm):
    reason = forms.CharField(
        label=_("Lý do sửa đổi, bãi bỏ"), widget=forms.Textarea(attrs={"rows": 2})
    )


class NoticeForm(forms.Form):
    number = forms.CharField(label=_("Số văn bản thông báo"), max_length=60)
    signed_on = forms.DateField(label=_("Ngày"), widget=DATE_INPUT, validators=[drafted_date])


class PackageHeadingForm(forms.Form):
    letter_number = forms.CharField(label=_("Số văn bản của UBND tỉnh"), max_length=60)
    letter_date = forms.DateField(
        label=_("Ngày văn bản"), widget=DATE_INPUT, validators=[drafted_date]
    )
    letter_signer = forms.CharField(
        label=_("Người ký"), max_length=150, required=False, initial=_("Chủ tịch UBND tỉnh")
    )
    samples_sent = forms.IntegerField(
        label=_("Số sản phẩm mẫu gửi kèm"), min_value=0, max_value=100, initial=0
    )


class PackageFileForm(forms.Form):
    item = forms.ChoiceField(label=_("Giấy tờ"))
    file = EvidenceFileField(label=_("Tệp"))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(i.value, i.label) for i in items]


class ReturnPackageForm(forms.Form):
    reason = forms.CharField(
        label=_("Nội dung cần bổ sung"), widget=forms.Textarea(attrs={"rows": 3})
    )
