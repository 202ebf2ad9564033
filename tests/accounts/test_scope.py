"""Who sees which users, and who may create or grant what (house rule 5)."""

import pytest

from ocop.accounts.enums import Role
from ocop.accounts.models import RoleAssignment, User
from ocop.places.models import Commune

pytestmark = pytest.mark.django_db


def usernames(response):
    return {u.username for u in response.context["page"].object_list}


def test_commune_officer_sees_only_their_commune_users(
    client_for, commune_officer, other_commune_officer, province_officer
):
    response = client_for(commune_officer).get("/accounts/users/")
    assert response.status_code == 200
    assert usernames(response) == {"xa.battrang"}


def test_commune_officer_cannot_open_another_communes_user(
    client_for, commune_officer, other_commune_officer
):
    client = client_for(commune_officer)
    assert client.get("/accounts/users/xa.phuxuyen/").status_code == 404
    assert client.get("/accounts/users/xa.phuxuyen/history/").status_code == 404


def test_commune_officer_cannot_create_users(client_for, commune_officer):
    client = client_for(commune_officer)
    assert client.get("/accounts/users/new/").status_code == 404
    response = client.post(
        "/accounts/users/new/",
        {
            "username": "moi",
            "full_name": "Mới",
            "password": "x-very-long-pass-1",
            "role": "commune_officer",
            "commune": Commune.objects.get(code="00583").pk,
        },
    )
    assert response.status_code == 404
    assert not User.objects.filter(username="moi").exists()


def test_province_officer_sees_their_province_not_another(
    client_for,
    province_officer,
    commune_officer,
    other_commune_officer,
    council_member,
    other_province_officer,
    other_province_commune_officer,
):
    client = client_for(province_officer)
    assert usernames(client.get("/accounts/users/")) == {
        "tinh.hanoi",
        "xa.battrang",
        "xa.phuxuyen",
        "hoidong.hanoi",
    }
    assert client.get("/accounts/users/xa.donduong/").status_code == 404
    assert client.get("/accounts/users/tinh.lamdong/").status_code == 404


def create_payload(commune_code, **extra):
    return {
        "username": "xa.moi",
        "full_name": "Cán Bộ Mới",
        "email": "xa.moi@example.vn",
        "phone": "",
        "password": "",
        "role": "commune_officer",
        "commune": Commune.objects.get(code=commune_code).pk,
        **extra,
    }


def test_province_officer_creates_commune_officer_in_own_province(
    client_for, province_officer, mailoutbox
):
    response = client_for(province_officer).post("/accounts/users/new/", create_payload("00583"))
    assert response.status_code == 302
    user = User.objects.get(username="xa.moi")
    assert not user.has_usable_password()
    assignment = RoleAssignment.objects.get(user=user)
    assert (assignment.role, assignment.commune.code, assignment.province.code) == (
        Role.COMMUNE_OFFICER,
        "00583",
        "01",
    )
    assert assignment.granted_by == province_officer
    assert len(mailoutbox) == 1
    assert "/accounts/password/reset/" in mailoutbox[0].body


def test_province_officer_cannot_create_user_in_another_province(client_for, province_officer):
    response = client_for(province_officer).post("/accounts/users/new/", create_payload("24931"))
    assert response.status_code == 200
    assert response.context["form"].errors["commune"]
    assert not User.objects.filter(username="xa.moi").exists()


def test_province_officer_cannot_create_province_officer(client_for, province_officer, places):
    payload = create_payload("00583", role="province_officer")
    response = client_for(province_officer).post("/accounts/users/new/", payload)
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(username="xa.moi").exists()


def test_create_user_form_keeps_input_and_explains_errors(client_for, province_officer):
    payload = create_payload("00583", username="Bad Name!", email="")
    response = client_for(province_officer).post("/accounts/users/new/", payload)
    form = response.context["form"]
    assert "username" in form.errors and "email" in form.errors
    assert 'value="Cán Bộ Mới"' in response.content.decode()


def test_duplicate_username_is_refused(client_for, province_officer, commune_officer):
    payload = create_payload("00583", username="xa.battrang")
    response = client_for(province_officer).post("/accounts/users/new/", payload)
    assert "username" in response.context["form"].errors
    assert User.objects.filter(username="xa.battrang").count() == 1


def test_province_officer_revokes_role_in_own_province(
    client_for, province_officer, commune_officer
):
    assignment = RoleAssignment.objects.get(user=commune_officer)
    url = f"/accounts/users/xa.battrang/roles/{assignment.pk}/revoke/"
    assert client_for(province_officer).post(url).status_code == 302
    assignment.refresh_from_db()
    assert assignment.revoked_at is not None and assignment.revoked_by == province_officer


def test_province_officer_cannot_revoke_in_another_province(
    client_for, province_officer, other_province_commune_officer
):
    assignment = RoleAssignment.objects.get(user=other_province_commune_officer)
    url = f"/accounts/users/xa.donduong/roles/{assignment.pk}/revoke/"
    assert client_for(province_officer).post(url).status_code == 404
    assignment.refresh_from_db()
    assert assignment.revoked_at is None


def test_revoke_requires_post(client_for, province_officer, commune_officer):
    assignment = RoleAssignment.objects.get(user=commune_officer)
    url = f"/accounts/users/xa.battrang/roles/{assignment.pk}/revoke/"
    assert client_for(province_officer).get(url).status_code == 405


def test_central_officer_grants_province_officer_anywhere(client_for, central_officer, plain_user):
    from ocop.places.models import Province

    response = client_for(central_officer).post(
        "/accounts/users/nguoidung/roles/",
        {"role": "province_officer", "province": Province.objects.get(code="68").pk},
    )
    assert response.status_code == 302
    assert (
        RoleAssignment.objects.active()
        .filter(user=plain_user, role="province_officer", province__code="68")
        .exists()
    )


def test_council_member_and_plain_user_have_no_users_page(client_for, council_member, plain_user):
    assert client_for(council_member).get("/accounts/users/").status_code == 404
    assert client_for(plain_user).get("/accounts/users/").status_code == 404


def test_audit_log_page_is_for_central_officers(client_for, central_officer, province_officer):
    assert client_for(province_officer).get("/audit/").status_code == 404
    assert client_for(central_officer).get("/audit/").status_code == 200


def test_dashboard_shows_the_officers_place(client_for, province_officer):
    response = client_for(province_officer).get("/accounts/")
    assert response.status_code == 200
    assert "Thành phố Hà Nội" in response.content.decode()
    assert "Cán bộ OCOP cấp tỉnh" in response.content.decode()


def test_navigation_follows_the_role(client_for, commune_officer, central_officer):
    def labels(user):
        return [str(i["label"]) for i in client_for(user).get("/").context["nav_items"]]

    assert "Người dùng" in labels(commune_officer)
    assert "Nhật ký" not in labels(commune_officer)
    assert "Nhật ký" in labels(central_officer)


def test_navigation_marks_only_the_closest_item_current(client_for, province_officer):
    items = client_for(province_officer).get("/accounts/users/").context["nav_items"]
    assert [str(i["label"]) for i in items if i["current"]] == ["Người dùng"]


def test_grant_with_a_missing_place_explains_and_grants_nothing(
    client_for, central_officer, plain_user
):
    response = client_for(central_officer).post(
        "/accounts/users/nguoidung/roles/", {"role": "commune_officer"}
    )
    assert response.status_code == 400
    assert "commune" in response.context["grant_form"].errors
    assert not plain_user.role_assignments.exists()


def test_user_list_queries_do_not_grow_with_the_number_of_users(
    client_for, central_officer, django_assert_max_num_queries
):
    from tests.conftest import make_user

    client = client_for(central_officer)
    client.get("/accounts/users/")  # warm caches (content types, sessions)
    with django_assert_max_num_queries(12) as few:
        client.get("/accounts/users/")
    for n in range(8):
        make_user(f"xa.them{n}", Role.COMMUNE_OFFICER, commune="00583")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/accounts/users/")
    assert len(response.context["page"].object_list) == 9
