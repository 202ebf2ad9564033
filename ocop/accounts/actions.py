"""Every change to accounts and roles: one named function each, audited, in one transaction."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts import rules
from ocop.accounts.enums import Role
from ocop.accounts.models import RoleAssignment, User
from ocop.audit.log import record


class AccountError(Exception):
    """An account action was refused; the message says why, in the user's language."""


def _check_place(role: Role, province, commune):
    """Refuse a place that does not fit the role; return the province the role covers."""
    if not rules.place_fits(role, province, commune):
        raise AccountError(_("Địa bàn không phù hợp với vai trò %(role)s.") % {"role": role.label})
    return commune.province if commune is not None else province


def _check_grant(actor, role: Role, province, commune):
    """Refuse a grant the actor may not make (``actor=None`` is the system itself)."""
    province = _check_place(role, province, commune)
    if actor is not None and not rules.can_grant(actor, role, province=province, commune=commune):
        raise AccountError(_("Bạn không có quyền cấp vai trò này trên địa bàn này."))
    return province


@transaction.atomic
def grant_role(user: User, role: Role | str, *, actor, province=None, commune=None):
    role = Role(role)
    province = _check_grant(actor, role, province, commune)
    existing = RoleAssignment.objects.active().filter(
        user=user, role=role, province=province, commune=commune
    )
    if existing.exists():
        raise AccountError(_("Người dùng đã có vai trò này trên địa bàn này."))
    assignment = RoleAssignment.objects.create(
        user=user,
        role=role,
        province=province,
        commune=commune,
        granted_by=actor,
    )
    if role == Role.ADMIN and not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    record(
        "role.granted",
        actor=actor,
        obj=user,
        changes={
            "role": role.value,
            "province": province.code if province else None,
            "commune": commune.code if commune else None,
        },
    )
    rules.forget_roles(user)
    return assignment


@transaction.atomic
def revoke_role(assignment: RoleAssignment, *, actor):
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.revoked_at is not None:
        raise AccountError(_("Vai trò này đã được thu hồi."))
    if actor is not None and not rules.can_revoke(actor, assignment):
        raise AccountError(_("Bạn không có quyền thu hồi vai trò này."))
    assignment.revoked_at = timezone.now()
    assignment.revoked_by = actor
    assignment.save(update_fields=["revoked_at", "revoked_by"])
    user = assignment.user
    if (
        assignment.role == Role.ADMIN
        and not RoleAssignment.objects.active().filter(user=user, role=Role.ADMIN).exists()
    ):
        user.is_staff = user.is_superuser = False
        user.save(update_fields=["is_staff", "is_superuser"])
    record(
        "role.revoked",
        actor=actor,
        obj=user,
        changes={
            "role": assignment.role,
            "province": assignment.province.code if assignment.province else None,
            "commune": assignment.commune.code if assignment.commune else None,
        },
    )
    rules.forget_roles(user)
    return assignment


@transaction.atomic
def create_user(
    *,
    actor,
    username: str,
    email: str = "",
    full_name: str = "",
    phone: str = "",
    password: str | None = None,
    role: Role | str | None = None,
    province=None,
    commune=None,
) -> User:
    """Create an account, optionally with a first role (checked against the actor's rights).

    Without a password the account cannot sign in until its holder sets one by e-mail.
    """
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(_("Tên đăng nhập %(username)s đã được dùng.") % {"username": username})
    if role is not None:
        role = Role(role)
        province = _check_grant(actor, role, province, commune)
    user = User(username=username, email=email, full_name=full_name, phone=phone)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    record(
        "user.created",
        actor=actor,
        obj=user,
        changes={"username": username, "email": email, "full_name": full_name},
    )
    if role is not None:
        grant_role(user, role, actor=actor, province=province, commune=commune)
    return user


@transaction.atomic
def set_user_active(user: User, active: bool, *, actor) -> User:
    if user.is_active == active:
        return user
    if actor is not None and actor.pk == user.pk:
        raise AccountError(_("Bạn không thể tự khoá tài khoản của mình."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    record("user.activated" if active else "user.deactivated", actor=actor, obj=user)
    return user
