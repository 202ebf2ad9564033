from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.dossiers import content
from ocop.dossiers.enums import DossierKind
from ocop.dossiers.models import CommuneAssessment
from ocop.lib.forms import limit_dates, past_date
from ocop.lib.uploads import EvidenceFileField
from ocop.lib.widgets import LongSelect

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StartForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Lần đăng ký đánh giá"), choices=DossierKind.choices, widget=forms.RadioSelect
    )


def section_form(section: content.Section, data=None, initial=None, disabled=False) -> forms.Form:
    """A form for one section of ``content.SECTIONS`` (the fields are data, not code)."""
    fields = {}
    for f in section.fields:
        if f.kind == content.CHECK:
            field = forms.BooleanField(label=f.label, required=False)
        elif f.kind == content.NUMBER:
            field = forms.IntegerField(
                label=f.label, required=False, min_value=0, max_value=f.max_value
            )
        elif f.kind == content.TEXT:
            field = forms.CharField(label=f.label, required=False, max_length=300)
        else:
            field = forms.CharField(
                label=f.label,
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
        if f.required:
            field.help_text = _("Bắt buộc trước khi nộp.")
        field.disabled = disabled
        fields[f.key] = field
    form_class = type("SectionForm", (forms.Form,), fields)
    return form_class(data=data, initial=initial or {})


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = CommuneAssessment
        fields = [
            "raw_materials",
            "labour",
            "idea_origin",
            "identity",
            "meeting_notes",
            "report_number",
            "letter_number",
            "letter_date",
            "samples_received",
            "signer",
        ]
        widgets = {
            "raw_materials": forms.Textarea(attrs={"rows": 4}),
            "labour": forms.Textarea(attrs={"rows": 4}),
            "idea_origin": forms.Textarea(attrs={"rows": 3}),
            "identity": forms.Textarea(attrs={"rows": 4}),
            "meeting_notes": forms.Textarea(attrs={"rows": 3}),
            "letter_date": DATE_INPUT,
        }
        help_texts = {
            "raw_materials": _(
                "Mô tả của chủ thể và đánh giá tình hình sử dụng nguyên liệu thực tế "
                "trên địa bàn xã."
            ),
            "labour": _("Mô tả của chủ thể và đánh giá việc sử dụng lao động địa phương."),
            "idea_origin": _(
                "Sản phẩm truyền thống hay sản phẩm mới, dựa trên thực tế địa phương."
            ),
            "identity": _(
                "Giá trị văn hoá, tri thức bản địa, kinh nghiệm sản xuất của cộng đồng, "
                "phương thức sản xuất đặc trưng tạo nên sự khác biệt của sản phẩm."
            ),
            "report_number": _("Mẫu 03 không có dòng số; chỉ in số khi xã ghi ở đây."),
            "letter_number": _(
                "Văn bản đề nghị (Điều 6.2.a) đính kèm bên dưới phải mang số và ngày này."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_dates(self, letter_date=past_date)


class ReceiveForm(forms.Form):
    """The commune's receipt: did the paper set come with the electronic one (Điều 7.1)?"""

    paper_set = forms.BooleanField(
        label=_("Đã nhận 01 bộ hồ sơ giấy (cùng bộ hồ sơ điện tử)"), required=False
    )


class LetterForm(forms.Form):
    """The commune's signed proposal letter, checked like evidence."""

    file = EvidenceFileField(label=_("Tệp văn bản đề nghị đã ký"))


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Nội dung cần bổ sung, hoàn thiện"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AcceptForm(forms.Form):
    round_number = forms.IntegerField(label=_("Đợt"), min_value=1, max_value=9)
    round_year = forms.IntegerField(label=_("Năm"), min_value=2020, max_value=2100)


class QueueFilterForm(forms.Form):
    # LongSelect: a province's hundred-odd communes written in one pass, not a template each.
    q = forms.CharField(label=_("Tìm sản phẩm, chủ thể, mã hồ sơ"), required=False)
    state = forms.ChoiceField(label=_("Trạng thái"), required=False, widget=LongSelect)
    product_set = forms.TypedChoiceField(
        label=_("Bộ sản phẩm"), required=False, coerce=int, empty_value=None, widget=LongSelect
    )
    commune = forms.ChoiceField(label=_("Xã, phường, đặc khu"), required=False, widget=LongSelect)
    overdue = forms.BooleanField(label=_("Chỉ hồ sơ quá hạn"), required=False)
