"""What producers adds to the shared catalogues: audit verbs, menu items, role lines."""

from django.utils.translation import gettext_lazy as _

from ocop.accounts import rules as account_rules
from ocop.audit import verbs
from ocop.lib import navigation
from ocop.lib.navigation import MenuItem
from ocop.producers import rules
from ocop.producers.enums import EvidenceKind, LegalType

VERBS = {
    "producer.created": _("Tạo chủ thể OCOP"),
    "producer.registered": _("Chủ thể tự đăng ký"),
    "producer.updated": _("Cập nhật thông tin chủ thể"),
    "producer.account_added": _("Thêm tài khoản thay mặt chủ thể"),
    "producer.account_removed": _("Gỡ tài khoản khỏi chủ thể"),
    "evidence.uploaded": _("Tải lên tài liệu minh chứng"),
    "evidence.withdrawn": _("Rút tài liệu khỏi thư viện"),
}
KEYS = {
    "producer": _("Chủ thể OCOP"),
    "sha256": _("Mã băm SHA-256"),
    "size": _("Dung lượng (byte)"),
}


def works_with_producers(user) -> bool:
    return account_rules.is_office_user(user) or rules.is_producer_account(user)


def _role_lines(user):
    from ocop.producers.models import Producer

    label = str(_("Chủ thể OCOP"))
    return [(label, p.name) for p in Producer.objects.filter(pk__in=rules.producer_ids(user))]


def register() -> None:
    verbs.register(
        VERBS,
        keys=KEYS,
        values={"legal_type": dict(LegalType.choices), "kind": dict(EvidenceKind.choices)},
    )
    navigation.add_menu_item(
        "producers:mine", MenuItem(40, _("Chủ thể OCOP"), "producers:mine", works_with_producers)
    )
    navigation.add_menu_item(
        "producers:register",
        MenuItem(45, _("Đăng ký chủ thể"), "producers:register", navigation.anonymous),
    )
    navigation.add_role_lines(_role_lines)
