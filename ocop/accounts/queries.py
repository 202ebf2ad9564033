from django.db.models import Prefetch, Q

from ocop.accounts import rules
from ocop.accounts.models import RoleAssignment, User


def users_visible_to(viewer):
    """Users the viewer may see on the users page.

    Central officers and admins see everyone; a province officer sees whoever has held a
    role in their province or its communes; a commune officer, whoever has held one in
    their commune. Nobody else sees anyone.
    """
    users = User.objects.all()
    if rules.is_central(viewer):
        return users
    provinces = rules.officer_provinces(viewer)
    communes = rules.officer_communes(viewer)
    if not provinces and not communes:
        return users.none()
    in_scope = RoleAssignment.objects.filter(
        Q(province_id__in=provinces) | Q(commune_id__in=communes)
    ).values("user_id")
    return users.filter(pk__in=in_scope)


def with_active_roles(users):
    return users.prefetch_related(
        Prefetch(
            "role_assignments",
            queryset=RoleAssignment.objects.active().select_related(
                "province", "commune__province"
            ),
            to_attr="active_assignments",
        )
    )


def holders(role, **place):
    """Active users holding ``role`` over exactly this place (``commune=`` or ``province=``):
    whom to notify when something needs that office."""
    held = RoleAssignment.objects.active().filter(role=role, **place).values("user_id")
    return User.objects.filter(pk__in=held, is_active=True)
