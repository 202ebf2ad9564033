from django import forms
from django.contrib.auth.password_validation import validate_password
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ocop.accounts import rules
from ocop.accounts.forms import username_validator
from ocop.accounts.models import User
from ocop.lib.forms import expiry_date, limit_dates, past_date
from ocop.lib.uploads import EvidenceFileField
from ocop.lib.widgets import LongSelect
from ocop.places.models import Commune
from ocop.places.queries import commune_choices
from ocop.producers.actions import EDITABLE_FIELDS
from ocop.producers.enums import EvidenceKind
from ocop.producers.models import ETHNICITY_REQUIRED, EvidenceDocument, Producer

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProducerForm(forms.ModelForm):
    """The producer's own data. Officers see only the communes of their area."""

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Producer
        fields = EDITABLE_FIELDS
        widgets = {
            "commune": LongSelect,
            "founded_on": DATE_INPUT,
            "profile": forms.Textarea(attrs={"rows": 4}),
            "address": forms.TextInput(),
        }

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        communes = Commune.objects.select_related("province").order_by("province__code", "name")
        if actor is not None and not rules.is_central(actor) and rules.is_office_user(actor):
            communes = communes.filter(
                Q(province_id__in=rules.officer_provinces(actor))
                | Q(pk__in=rules.officer_communes(actor))
            )
        limit_dates(self, founded_on=past_date)
        self.fields["commune"].queryset = communes
        self.fields["commune"].widget.choices = commune_choices(communes)
        self.fields["registration_number"].help_text = _(
            "Để trống nếu chủ thể chưa có giấy đăng ký (ví dụ tổ hợp tác)."
        )
        # Asked every time, never preset (criterion 3.2 scores an ethnic-minority representative).
        ethnicity = self.fields["representative_ethnicity"]
        ethnicity.required, ethnicity.initial = True, None
        ethnicity.error_messages["required"] = ETHNICITY_REQUIRED
        ethnicity.help_text = _("Ví dụ: Kinh, Tày, Thái, Mường.")


class RegistrationForm(ProducerForm):
    """Self-registration: the account and the producer on one page."""

    username = forms.CharField(
        label=_("Tên đăng nhập"), max_length=150, validators=[username_validator]
    )
    full_name = forms.CharField(label=_("Họ và tên người dùng"), max_length=150)
    account_email = forms.EmailField(label=_("E-mail đăng nhập"))
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    field_order = ["username", "full_name", "account_email", "password"]

    def clean_username(self):
        username = self.cleaned_data["username"].strip().lower()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Tên đăng nhập này đã được dùng."))
        return username

    def clean(self):
        data = super().clean()
        password = data.get("password")
        if password:
            candidate = User(username=data.get("username", ""), email=data.get("account_email"))
            try:
                validate_password(password, candidate)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class InviteForm(forms.Form):
    username = forms.CharField(
        label=_("Tên đăng nhập"), max_length=150, validators=[username_validator]
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))

    def clean_username(self):
        username = self.cleaned_data["username"].strip().lower()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Tên đăng nhập này đã được dùng."))
        return username


class EvidenceForm(forms.ModelForm):
    file = EvidenceFileField(
        label=_("Tệp"),
        help_text=_("PDF, JPEG, PNG, WebP, DOCX hoặc XLSX."),
    )

    class Meta:
        model = EvidenceDocument
        fields = ["kind", "title", "number", "issuer", "issued_on", "expires_on"]
        widgets = {"issued_on": DATE_INPUT, "expires_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Chọn loại tài liệu")), *EvidenceKind.choices]
        limit_dates(self, issued_on=past_date, expires_on=expiry_date)

    def clean(self):
        data = super().clean()
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires < issued:
            self.add_error("expires_on", _("Ngày hết hạn phải sau ngày cấp."))
        return data

    def _post_clean(self):
        # The file is stored by the action, not by the model form.
        pass
