from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.certificates.enums import GROUNDS, Authority, Trigger
from ocop.legal.models import LegalInstrument
from ocop.lib.forms import DATE_INPUT, expiry_date, past_date, soon_date

STARS = [(3, _("3 sao")), (4, _("4 sao")), (5, _("5 sao"))]


class EntryForm(forms.Form):
    """A certificate issued on paper before the system (Điều 12.1)."""

    product = forms.CharField(
        label=_("Mã sản phẩm trên hệ thống (SP-…) hoặc mã OCOP"),
        max_length=20,
        help_text=_("Sản phẩm và chủ thể phải có trên hệ thống trước (cán bộ có thể lập thay)."),
    )
    number = forms.CharField(label=_("Số giấy chứng nhận"), max_length=60)
    stars = forms.TypedChoiceField(label=_("Số sao"), choices=STARS, coerce=int)
    score = forms.DecimalField(
        label=_("Điểm (nếu có)"), required=False, min_value=0, max_value=100, decimal_places=2
    )
    authority = forms.ChoiceField(label=_("Cấp công nhận"), choices=Authority.choices)
    authority_name = forms.CharField(
        label=_("Cơ quan cấp (như ghi trên giấy)"),
        max_length=200,
        help_text=_("Ví dụ: UBND huyện Đắk Song, tỉnh Đắk Nông (cũ)."),
    )
    decision_number = forms.CharField(label=_("Số quyết định công nhận"), max_length=60)
    decision_date = forms.DateField(
        label=_("Ngày quyết định"), widget=DATE_INPUT, validators=[past_date]
    )
    signer = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    instrument = forms.ModelChoiceField(
        label=_("Cấp theo quy định của"), queryset=LegalInstrument.objects.all(), empty_label=None
    )
    valid_from = forms.DateField(
        label=_("Hiệu lực từ ngày"), widget=DATE_INPUT, validators=[soon_date]
    )
    expires_on = forms.DateField(
        label=_("Hiệu lực đến ngày (để trống: 36 tháng)"),
        widget=DATE_INPUT,
        required=False,
        validators=[expiry_date],
    )


class OpenCaseForm(forms.Form):
    ground = forms.ChoiceField(
        label=_("Căn cứ thu hồi (khoản 1 Điều 8)"), choices=[(g.value, g.label) for g in GROUNDS]
    )
    trigger = forms.ChoiceField(label=_("Căn cứ phát sinh"), choices=Trigger.choices)
    trigger_authority = forms.CharField(label=_("Cơ quan kết luận, xác nhận"), max_length=200)
    trigger_number = forms.CharField(label=_("Số văn bản"), max_length=60)
    trigger_date = forms.DateField(
        label=_("Ngày văn bản (thời hạn 15 ngày tính từ ngày này)"),
        widget=DATE_INPUT,
        validators=[past_date],
    )
    summary = forms.CharField(
        label=_("Nội dung vi phạm, kết quả kiểm tra, xác minh"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecideForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định thu hồi"), max_length=60)
    signed_on = forms.DateField(
        label=_("Ngày ký"), widget=DATE_INPUT, initial=timezone.localdate, validators=[past_date]
    )
    signer = forms.CharField(label=_("Người ký"), max_length=150)


class DropForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do không thu hồi"), widget=forms.Textarea(attrs={"rows": 2})
    )
