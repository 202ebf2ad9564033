import pytest

from ocop.audit.models import AuditEntry
from ocop.places.models import Commune
from ocop.producers import actions, rules
from ocop.producers.models import Producer
from ocop.producers.queries import producers_visible_to

pytestmark = pytest.mark.django_db


def fields(commune="00583", **extra):
    return {
        "name": "HTX Chè Đơn Dương",
        "legal_type": "htx",
        "registration_number": "5800123456",
        "tax_code": "5800123456-001",
        "commune": Commune.objects.get(code=commune),
        "address": "Thôn Lạc Xuân",
        "representative_name": "K'Brơi",
        "representative_gender": "nu",
        "representative_ethnicity": "Cơ Ho",
        "workforce": 30,
        "local_workforce": 24,
        **extra,
    }


def test_self_registration_creates_account_producer_and_role(places):
    producer, user = actions.register_producer(
        username="htx.donduong",
        password="a-strong-pass-2026",
        account_email="htx@example.vn",
        full_name="K'Brơi",
        **fields("24931"),
    )
    assert producer.code.startswith("CT-") and len(producer.code) == 11
    assert rules.producer_ids(user) == {producer.pk}
    assert producer.local_workforce_share == 80
    assert AuditEntry.objects.filter(verb="producer.registered", actor=user).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("tax_code", "12345"), ("registration_number", "x"), ("local_workforce", 99)],
)
def test_bad_producer_data_is_refused_and_nothing_is_created(places, field, value):
    with pytest.raises(actions.ProducerError):
        actions.register_producer(
            username="htx.sai",
            password="a-strong-pass-2026",
            account_email="",
            full_name="Sai",
            **fields(**{field: value}),
        )
    assert not Producer.objects.exists()


def test_commune_officer_creates_a_producer_in_their_commune_only(commune_officer):
    producer = actions.create_producer(actor=commune_officer, **fields("00583"))
    assert producer.created_by == commune_officer
    with pytest.raises(actions.ProducerError):
        actions.create_producer(actor=commune_officer, **fields("10273"))
    assert Producer.objects.count() == 1


def test_officer_invites_an_account_for_a_producer(province_officer, producer):
    user = actions.invite_producer_account(
        producer, actor=province_officer, username="chuthe.moi", email="a@b.vn", full_name="A"
    )
    assert not user.has_usable_password()
    assert rules.producer_ids(user) == {producer.pk}


def test_other_province_officer_cannot_invite(other_province_officer, producer):
    with pytest.raises(actions.ProducerError):
        actions.invite_producer_account(
            producer, actor=other_province_officer, username="x.y", email="", full_name="X"
        )


def test_several_accounts_can_act_for_one_producer(producer_user, producer, commune_officer):
    second = actions.invite_producer_account(
        producer, actor=commune_officer, username="chuthe.ketoan", email="k@t.vn", full_name="K"
    )
    assert rules.producer_ids(second) == rules.producer_ids(producer_user) == {producer.pk}


def test_who_sees_which_producer(
    producer_user,
    other_producer_user,
    commune_officer,
    other_commune_officer,
    province_officer,
    other_province_officer,
    central_officer,
    producer,
):
    def visible(user):
        return set(producers_visible_to(user).values_list("name", flat=True))

    assert visible(producer_user) == {"HTX Gốm Bát Tràng"}
    assert (
        visible(commune_officer)
        == visible(province_officer)
        == {"HTX Gốm Bát Tràng", "Cơ sở Gốm Minh"}
    )
    assert visible(other_commune_officer) == visible(other_province_officer) == set()
    assert len(visible(central_officer)) == 2


def test_update_is_audited_with_before_and_after(producer_user, producer):
    actions.update_producer(producer, actor=producer_user, workforce=25, local_workforce=20)
    entry = AuditEntry.objects.get(verb="producer.updated")
    assert entry.changes == {"workforce": [20, 25], "local_workforce": [15, 20]}


def test_another_producer_cannot_update(other_producer_user, producer):
    with pytest.raises(actions.ProducerError):
        actions.update_producer(producer, actor=other_producer_user, name="Chiếm")
    producer.refresh_from_db()
    assert producer.name == "HTX Gốm Bát Tràng"


def test_commune_officer_cannot_move_a_producer_out_of_their_commune(commune_officer, producer):
    with pytest.raises(actions.ProducerError):
        actions.update_producer(
            producer, actor=commune_officer, commune=Commune.objects.get(code="10273")
        )
    producer.refresh_from_db()
    assert producer.commune.code == "00583"


@pytest.mark.parametrize(
    ("legal_type", "set_number", "allowed"),
    [
        ("htx", 9, True),
        ("htx", 26, True),
        ("hoi_hiep_hoi", 26, True),
        ("hoi_hiep_hoi", 9, False),
        ("trung_tam_dieu_hanh", 1, False),
    ],
)
def test_associations_may_only_enter_community_tourism(places, legal_type, set_number, allowed):
    producer = Producer(legal_type=legal_type)
    assert actions.may_use_product_set(producer, set_number) is allowed
