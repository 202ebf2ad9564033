"""Who may see or do what with accounts and roles. Views ask these predicates; nothing else
decides.

A role is held over a place (see ``RoleAssignment``). The apps to the right build their own
rules on ``officer_communes``, ``officer_provinces`` and ``is_central``; a new kind of holder
(a producer's accounts, a council's members) belongs to the app that owns it.
"""

from ocop.accounts.enums import ROLE_SCOPE, Role, Scope
from ocop.places.models import Commune, Province


def active_roles(user) -> list:
    """The user's active role assignments, loaded once per request and kept on the user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_ocop_roles", None)
    if cached is None:
        cached = list(
            user.role_assignments.active().select_related("province", "commune__province")
        )
        user._ocop_roles = cached
    return cached


def forget_roles(user) -> None:
    user.__dict__.pop("_ocop_roles", None)


def holds(user, role: Role) -> list:
    return [a for a in active_roles(user) if a.role == role]


# --- who somebody is ---------------------------------------------------------------------


def is_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active) or bool(
        holds(user, Role.ADMIN)
    )


def is_central(user) -> bool:
    return is_admin(user) or bool(holds(user, Role.CENTRAL_OFFICER))


def officer_provinces(user) -> set[int]:
    """Ids of the provinces the user serves as province officer."""
    return {a.province_id for a in holds(user, Role.PROVINCE_OFFICER)}


def officer_communes(user) -> set[int]:
    """Ids of the communes the user serves as commune officer."""
    return {a.commune_id for a in holds(user, Role.COMMUNE_OFFICER)}


def is_office_user(user) -> bool:
    return is_central(user) or bool(officer_provinces(user) or officer_communes(user))


def is_council_member(user) -> bool:
    return bool(holds(user, Role.COUNCIL_MEMBER))


def serves_commune(user, commune_id: int, province_id: int) -> bool:
    """An officer of this commune or of its province, or a central officer."""
    return (
        is_central(user)
        or province_id in officer_provinces(user)
        or commune_id in officer_communes(user)
    )


# --- places -----------------------------------------------------------------------------


def can_view_province(user, province: Province) -> bool:
    return is_central(user) or province.pk in officer_provinces(user)


def can_view_commune(user, commune: Commune) -> bool:
    return can_view_province(user, commune.province) or commune.pk in officer_communes(user)


# --- users and roles --------------------------------------------------------------------


def can_view_users(user) -> bool:
    """May open the "Người dùng" page (each sees only the users of their own places)."""
    return is_office_user(user)


def grantable_roles(actor) -> list[Role]:
    """Roles the actor may grant on the users page."""
    if is_admin(actor):
        return list(Role)
    if is_central(actor):
        return [r for r in Role if r != Role.ADMIN]
    if officer_provinces(actor):
        return [Role.COMMUNE_OFFICER]
    return []


def can_grant(actor, role: Role, *, province: Province | None, commune: Commune | None) -> bool:
    """May ``actor`` grant ``role`` over this place? The place must fit the role's scope."""
    if role not in grantable_roles(actor) or not place_fits(role, province, commune):
        return False
    if is_central(actor):
        return True
    # A province officer grants only inside their own province.
    return commune is not None and commune.province_id in officer_provinces(actor)


def can_revoke(actor, assignment) -> bool:
    if assignment.revoked_at is not None or assignment.user_id == actor.pk:
        return False
    return can_grant(
        actor, Role(assignment.role), province=assignment.province, commune=assignment.commune
    )


def can_create_users(actor) -> bool:
    return bool(grantable_roles(actor))


def place_fits(role: Role, province: Province | None, commune: Commune | None) -> bool:
    scope = ROLE_SCOPE[Role(role)]
    if scope == Scope.COMMUNE:
        return commune is not None and (province is None or commune.province_id == province.pk)
    if scope == Scope.PROVINCE:
        return province is not None and commune is None
    if scope == Scope.PROVINCE_OR_NATION:
        return commune is None
    return province is None and commune is None


def can_view_audit_log(user) -> bool:
    return is_central(user)
