import pytest

from ocop.accounts import actions
from ocop.accounts.enums import Role
from ocop.audit.log import diff, history, record, snapshot
from ocop.audit.models import AuditEntry
from ocop.places.models import Commune

pytestmark = pytest.mark.django_db


def test_grant_and_revoke_write_one_entry_each(province_officer, plain_user):
    battrang = Commune.objects.get(code="00583")
    before = AuditEntry.objects.count()
    assignment = actions.grant_role(
        plain_user, Role.COMMUNE_OFFICER, actor=province_officer, commune=battrang
    )
    actions.revoke_role(assignment, actor=province_officer)
    granted, revoked = AuditEntry.objects.order_by("id")[before:]
    assert (granted.verb, revoked.verb) == ("role.granted", "role.revoked")
    assert granted.actor == province_officer and granted.object_id == str(plain_user.pk)
    assert granted.changes == {"role": "commune_officer", "province": "01", "commune": "00583"}
    assert revoked.changes == granted.changes


def test_refused_action_writes_nothing(province_officer, plain_user):
    donduong = Commune.objects.get(code="24931")
    before = AuditEntry.objects.count()
    with pytest.raises(actions.AccountError):
        actions.grant_role(
            plain_user, Role.COMMUNE_OFFICER, actor=province_officer, commune=donduong
        )
    assert AuditEntry.objects.count() == before
    assert not plain_user.role_assignments.exists()


def test_record_keeps_actor_name_after_the_actor_is_deleted(plain_user, commune_officer):
    entry = record("user.updated", actor=plain_user, obj=commune_officer, changes={"a": [1, 2]})
    plain_user.delete()
    entry.refresh_from_db()
    assert entry.actor is None and entry.actor_label == "nguoidung"


def test_snapshot_and_diff_describe_what_changed(commune_officer):
    before = snapshot(commune_officer, ["full_name", "email", "is_active"])
    commune_officer.full_name = "Tên Mới"
    after = snapshot(commune_officer, ["full_name", "email", "is_active"])
    assert diff(before, after) == {"full_name": ["Xa Battrang", "Tên Mới"]}


def test_history_page_shows_an_objects_entries(client_for, province_officer, commune_officer):
    response = client_for(province_officer).get("/accounts/users/xa.battrang/history/")
    assert response.status_code == 200
    verbs = [e.verb for e in response.context["page"].object_list]
    assert verbs == ["role.granted", "user.created"]
    assert "Cấp vai trò" in response.content.decode()
    assert list(history(commune_officer).values_list("verb", flat=True)) == verbs


def test_audit_entries_cannot_be_changed_in_the_admin(client_for, admin_user):
    entry = record("user.updated", actor=admin_user, obj=admin_user)
    client = client_for(admin_user)
    assert client.get(f"/admin/audit/auditentry/{entry.pk}/delete/").status_code == 403
    assert client.get("/admin/audit/auditentry/").status_code == 200


def test_details_read_as_labels_and_words(province_officer, plain_user):
    battrang = Commune.objects.get(code="00583")
    actions.grant_role(plain_user, Role.COMMUNE_OFFICER, actor=province_officer, commune=battrang)
    entry = AuditEntry.objects.filter(verb="role.granted", object_id=str(plain_user.pk)).get()
    assert entry.details == [
        ("Vai trò", "Cán bộ OCOP cấp xã"),
        ("Tỉnh, thành phố", "01"),
        ("Xã, phường, đặc khu", "00583"),
    ]
    changed = record(
        "user.updated",
        actor=province_officer,
        obj=plain_user,
        changes={"is_active": [True, False], "date_joined": ["2026-11-30", None]},
    )
    assert changed.details == [
        ("Kích hoạt", "Có → Không"),
        ("Ngày tham gia", "30/11/2026 → —"),
    ]
