from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.password_validation import validate_password
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from ocop.accounts import rules
from ocop.accounts.enums import ROLE_SCOPE, Role, Scope
from ocop.accounts.models import User
from ocop.lib.widgets import LongSelect
from ocop.places.models import Commune, Province
from ocop.places.queries import commune_choices

username_validator = RegexValidator(
    r"^[a-z0-9._-]{3,150}$",
    _("Tên đăng nhập gồm 3–150 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới."),
)


class RolePlaceForm(forms.Form):
    """A role and the place it is held over, limited to what the actor may grant."""

    role = forms.ChoiceField(label=_("Vai trò"))
    province = forms.ModelChoiceField(
        label=_("Tỉnh, thành phố"), queryset=Province.objects.none(), required=False
    )
    commune = forms.ModelChoiceField(
        label=_("Xã, phường, đặc khu"),
        queryset=Commune.objects.none(),
        required=False,
        widget=LongSelect,
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        roles = rules.grantable_roles(actor)
        self.fields["role"].choices = [(r.value, r.label) for r in roles]
        if rules.is_central(actor):
            self.fields["province"].queryset = Province.objects.order_by("code")
            self.fields["commune"].queryset = Commune.objects.all()
        else:
            provinces = rules.officer_provinces(actor)
            self.fields["province"].queryset = Province.objects.filter(pk__in=provinces)
            self.fields["commune"].queryset = Commune.objects.filter(province_id__in=provinces)
            self.fields["province"].widget = forms.HiddenInput()
        self.fields["commune"].widget.choices = commune_choices(self.fields["commune"].queryset)

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if not role:
            return data
        role = Role(role)
        scope = ROLE_SCOPE[role]
        province, commune = data.get("province"), data.get("commune")
        if scope == Scope.COMMUNE:
            if commune is None:
                self.add_error("commune", _("Hãy chọn xã, phường, đặc khu cho vai trò này."))
            data["province"] = None
        elif scope == Scope.PROVINCE:
            if province is None:
                self.add_error("province", _("Hãy chọn tỉnh, thành phố cho vai trò này."))
            data["commune"] = None
        elif scope == Scope.PROVINCE_OR_NATION:
            data["commune"] = None
        else:
            data["province"] = data["commune"] = None
        if not self.errors and not rules.can_grant(
            self.actor, role, province=data["province"], commune=data["commune"]
        ):
            raise forms.ValidationError(_("Bạn không có quyền cấp vai trò này trên địa bàn này."))
        return data


class UserCreateForm(RolePlaceForm):
    username = forms.CharField(
        label=_("Tên đăng nhập"), max_length=150, validators=[username_validator]
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Nếu để trống mật khẩu, người dùng nhận e-mail để tự đặt mật khẩu."),
    )
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "new-password"}),
    )

    field_order = ["username", "full_name", "email", "phone", "password", "role", "province"]

    def clean_username(self):
        username = self.cleaned_data["username"].strip().lower()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Tên đăng nhập này đã được dùng."))
        return username

    def clean(self):
        data = super().clean()
        password = data.get("password")
        if password:
            candidate = User(username=data.get("username", ""), email=data.get("email", ""))
            try:
                validate_password(password, candidate)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        elif not data.get("email"):
            self.add_error(
                "email", _("Cần e-mail để gửi lời mời đặt mật khẩu, hoặc nhập mật khẩu ban đầu.")
            )
        return data


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False)
    role = forms.ChoiceField(label=_("Vai trò"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Mọi vai trò")), *Role.choices]


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khoá. Hãy liên hệ cơ quan OCOP của tỉnh."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")


class ResetPasswordForm(PasswordResetForm):
    """Also reaches accounts that never had a password (invited, or created by an officer)."""

    def get_users(self, email):
        users = User._default_manager.filter(email__iexact=email, is_active=True)
        return (u for u in users if u.email and u.email.lower() == email.lower())
