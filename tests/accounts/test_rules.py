import pytest

from ocop.accounts import actions, rules
from ocop.accounts.enums import Role
from ocop.places.models import Commune, Province

pytestmark = pytest.mark.django_db


@pytest.fixture
def hanoi(places):
    return Province.objects.get(code="01")


@pytest.fixture
def battrang(places):
    return Commune.objects.get(code="00583")


@pytest.fixture
def donduong(places):
    return Commune.objects.get(code="24931")


def test_province_role_covers_its_communes(province_officer, battrang, donduong):
    assert rules.can_view_commune(province_officer, battrang)
    assert not rules.can_view_commune(province_officer, donduong)


def test_commune_role_does_not_cover_the_province(commune_officer, hanoi, battrang):
    assert rules.can_view_commune(commune_officer, battrang)
    assert not rules.can_view_province(commune_officer, hanoi)


def test_central_officer_sees_every_place(central_officer, donduong):
    assert rules.can_view_commune(central_officer, donduong)


@pytest.mark.parametrize(
    ("role", "province", "commune", "fits"),
    [
        (Role.COMMUNE_OFFICER, False, True, True),
        (Role.COMMUNE_OFFICER, True, False, False),
        (Role.PROVINCE_OFFICER, True, False, True),
        (Role.PROVINCE_OFFICER, False, True, False),
        (Role.COUNCIL_MEMBER, True, False, True),
        (Role.COUNCIL_MEMBER, False, False, True),
        (Role.CENTRAL_OFFICER, False, False, True),
        (Role.CENTRAL_OFFICER, True, False, False),
        (Role.ADMIN, False, True, False),
    ],
)
def test_place_must_fit_the_role(hanoi, battrang, role, province, commune, fits):
    assert (
        rules.place_fits(role, hanoi if province else None, battrang if commune else None) is fits
    )


def test_grant_refuses_a_place_that_does_not_fit(plain_user, hanoi):
    with pytest.raises(actions.AccountError):
        actions.grant_role(plain_user, Role.COMMUNE_OFFICER, actor=None, province=hanoi)


def test_grant_refuses_a_duplicate(commune_officer, battrang):
    with pytest.raises(actions.AccountError):
        actions.grant_role(commune_officer, Role.COMMUNE_OFFICER, actor=None, commune=battrang)


def test_revoked_role_no_longer_counts(commune_officer, battrang):
    actions.revoke_role(commune_officer.role_assignments.get(), actor=None)
    rules.forget_roles(commune_officer)
    assert not rules.can_view_commune(commune_officer, battrang)


def test_nobody_revokes_their_own_role(province_officer):
    assignment = province_officer.role_assignments.get()
    assert not rules.can_revoke(province_officer, assignment)


def test_admin_role_makes_staff_and_revoking_it_removes_staff(plain_user, central_officer):
    assignment = actions.grant_role(plain_user, Role.ADMIN, actor=None)
    plain_user.refresh_from_db()
    assert plain_user.is_staff and plain_user.is_superuser
    actions.revoke_role(assignment, actor=None)
    plain_user.refresh_from_db()
    assert not plain_user.is_staff and not plain_user.is_superuser


def test_inactive_user_holds_no_roles(province_officer, battrang):
    actions.set_user_active(province_officer, False, actor=None)
    rules.forget_roles(province_officer)
    assert not rules.can_view_commune(province_officer, battrang)
