from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.evaluation.enums import DECLARABLE, Body, MemberRole
from ocop.evaluation.models import Council
from ocop.lib.forms import drafted_date, expiry_date, limit_dates, soon_date
from ocop.lib.widgets import LongSelect

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
REGULATION_NOTE = _(
    "Theo Quy chế hoạt động của Hội đồng (Quyết định 26/2026/QĐ-TTg không quy định nội dung này)."
)


class CouncilForm(forms.ModelForm):
    class Meta:
        model = Council
        fields = [
            "name",
            "decision_number",
            "decision_date",
            "decision_signer",
            "regulation_reference",
            "term_from",
            "term_to",
            "quorum_ratio",
            "chair_required",
            "spread_threshold",
            "members_see_scores",
            "minimums_rule",
        ]
        widgets = {
            "decision_date": DATE_INPUT,
            "term_from": DATE_INPUT,
            "term_to": DATE_INPUT,
            "minimums_rule": forms.RadioSelect,
        }
        help_texts = {
            "quorum_ratio": _("Mặc định 0,75: ít nhất 3/4 số thành viên. ") + REGULATION_NOTE,
            "chair_required": _("Mặc định có. ") + REGULATION_NOTE,
            "spread_threshold": _("Mặc định 10 điểm; vượt ngưỡng thì thảo luận và chấm lại. ")
            + REGULATION_NOTE,
            "members_see_scores": _("Mặc định không. ") + REGULATION_NOTE,
            "minimums_rule": _("Mặc định theo điểm trung bình. ") + REGULATION_NOTE,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_dates(self, decision_date=drafted_date, term_from=soon_date, term_to=expiry_date)

    SETTINGS = (
        "quorum_ratio",
        "chair_required",
        "spread_threshold",
        "members_see_scores",
        "minimums_rule",
    )

    def settings_fields(self):
        return [self[name] for name in self.SETTINGS]

    def decision_fields(self):
        return [self[name] for name in self.Meta.fields if name not in self.SETTINGS]


class NewCouncilForm(CouncilForm):
    place = forms.ChoiceField(label=_("Cấp, địa bàn"), widget=LongSelect)

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = list(places)
        self.order_fields(["place", *self.Meta.fields])


class MemberForm(forms.Form):
    user = forms.ChoiceField(label=_("Người"), widget=LongSelect)
    body = forms.ChoiceField(label=_("Thuộc"), choices=Body.choices, initial=Body.COUNCIL)
    role = forms.ChoiceField(
        label=_("Vai trò"), choices=MemberRole.choices, initial=MemberRole.MEMBER
    )
    office = forms.CharField(
        label=_("Cơ quan, đơn vị"),
        max_length=200,
        help_text=_("Ví dụ: Sở Nông nghiệp và Môi trường, Sở Công Thương, Sở Y tế (Điều 7.3.b)."),
    )
    title = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "—"), *users]


class RoundForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2026, max_value=2100)
    number = forms.IntegerField(label=_("Đợt"), min_value=1, max_value=9)
    extra = forms.BooleanField(label=_("Đợt bổ sung"), required=False)
    proposals_before = forms.DateField(
        label=_("Nhận hồ sơ trước ngày (đợt bổ sung)"),
        required=False,
        widget=DATE_INPUT,
        validators=[soon_date],
    )
    finish_before = forms.DateField(
        label=_("Hoàn thành trước ngày (đợt bổ sung)"),
        required=False,
        widget=DATE_INPUT,
        validators=[soon_date],
    )
    regulation_reference = forms.CharField(
        label=_("Căn cứ Quy chế cho phép đợt bổ sung"), max_length=200, required=False
    )
    plan_reference = forms.CharField(label=_("Kế hoạch đánh giá"), max_length=200, required=False)


RELATION_CHOICES = [("", _("Không có quan hệ"))] + [(r.value, r.label) for r in DECLARABLE]
