import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
REGISTRATION_NUMBER = re.compile(r"^[0-9A-Z][0-9A-Z./-]{4,29}$")


def validate_tax_code(value: str) -> None:
    """Vietnamese tax codes: 10 digits, or 10 digits, a hyphen and 3 digits for a branch."""
    if not TAX_CODE.match(value or ""):
        raise ValidationError(
            _("Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, gạch ngang và 3 chữ số (chi nhánh)."),
            code="tax_code",
        )


def validate_registration_number(value: str) -> None:
    """Business, cooperative or household registration numbers: 5–30 letters, digits, . / -."""
    if not REGISTRATION_NUMBER.match(value or ""):
        raise ValidationError(
            _("Số đăng ký gồm 5–30 ký tự: chữ in hoa, chữ số và các dấu . / -"),
            code="registration_number",
        )
