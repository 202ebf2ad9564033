from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.accounts import rules


def navigation(request):
    """The header's links, by role: each user sees only what they may open."""
    user = getattr(request, "user", None)
    items = [(_("Trang chủ"), reverse("home")), (_("Tự đánh giá"), reverse("criteria:choose"))]
    if user is not None and user.is_authenticated:
        items.append((_("Trang của tôi"), reverse("accounts:dashboard")))
        if rules.is_office_user(user) or rules.producer_ids(user):
            items.append((_("Hồ sơ sản phẩm"), reverse("dossiers:queue")))
            items.append((_("Chủ thể OCOP"), reverse("producers:mine")))
        unread = user.notifications.unread().count()
        items.append(
            (
                _("Thông báo (%(n)s)") % {"n": unread} if unread else _("Thông báo"),
                reverse("notify:inbox"),
            )
        )
        if rules.is_office_user(user) or rules.is_council_member(user):
            items.append((_("Bộ tiêu chí"), reverse("criteria:staff_list")))
        if rules.can_view_users(user):
            items.append((_("Người dùng"), reverse("accounts:user_list")))
        if rules.can_view_audit_log(user):
            items.append((_("Nhật ký"), reverse("audit:log")))
        if user.is_staff:
            items.append((_("Quản trị"), reverse("admin:index")))
    else:
        items.append((_("Đăng ký chủ thể"), reverse("producers:register")))
    items.append((_("API"), "/api/v1/docs"))
    path = request.path if request is not None else ""
    # The current item is the longest link that starts the path (/accounts/users/ beats /accounts/).
    matches = [url for _label, url in items if path == url or (url != "/" and path.startswith(url))]
    current = max(matches, key=len, default=None)
    return {
        "nav_items": [
            {"label": label, "url": url, "current": url == current} for label, url in items
        ]
    }
