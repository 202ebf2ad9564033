"""Corrections from the legal reading (issue 10, section 6) on producers: the registration
number is optional (“Số giấy đăng ký (nếu có)”), a change of legal type re-checks the
products against the set-26-only rule, and the representative's ethnicity is never preset
(it changes criterion 3.2)."""

import re

import pytest

from ocop.audit.models import AuditEntry
from ocop.dossiers import actions as dossier_actions
from ocop.dossiers import documents
from ocop.dossiers.enums import DossierKind, State
from ocop.legal.models import ProductSet
from ocop.places.models import Commune
from ocop.producers import actions
from ocop.producers.forms import ProducerForm, RegistrationForm
from ocop.producers.models import Producer
from ocop.producers.snapshot import snapshot
from ocop.products import actions as product_actions
from tests.conftest import PASSWORD, make_producer
from tests.dossiers.fixtures import People, walk_to
from tests.pdf import text_of
from tests.producers.test_pages import PRODUCER_FORM
from tests.producers.test_producers import fields

pytestmark = pytest.mark.django_db

ETHNICITY_REQUIRED = "Hãy ghi dân tộc của người đại diện theo pháp luật"


def _register(**extra):
    return actions.register_producer(
        username="tht.lacxuan",
        password="a-strong-pass-2026",
        account_email="tht@example.vn",
        full_name="K'Brơi",
        **fields("00583", name="Tổ hợp tác Gốm Lạc Xuân", legal_type="tht", **extra),
    )


# ---------------------------------------------------------------- registration number


def test_a_producer_without_registration_number_prints_a_blank_on_the_forms(
    criteria, commune_officer
):
    producer, user = _register(registration_number="")
    assert producer.registration_number == ""
    assert snapshot(producer)["registration_number"] == ""
    product = product_actions.create_product(
        producer,
        actor=user,
        product_set=ProductSet.objects.get(number=21),
        name="Bình gốm Lạc Xuân",
    )
    dossier = dossier_actions.start_dossier(product, actor=user, kind=DossierKind.FIRST)
    dossier = walk_to(dossier, State.SUBMITTED, People(producer=user, commune=commune_officer))
    assert dossier.versions.get().producer_snapshot["registration_number"] == ""
    mau02 = text_of(documents.render(dossier, "mau02"))
    # Mẫu 02, Phần I, item 6 is where the law prints it: a dotted blank, never "None".
    assert re.search(r"Số giấy đăng ký \(nếu có\):\s*…{2,} 7\. Tên sản phẩm", mau02)
    mau01 = text_of(documents.render(dossier, "mau01"))
    for text in (mau01, mau02):
        assert "None" not in text and "null" not in text


def test_the_registration_page_accepts_a_blank_registration_number(places, client):
    data = {
        **PRODUCER_FORM,
        "name": "Tổ hợp tác Chè Lạc Lâm",
        "legal_type": "tht",
        "registration_number": "",
        "commune": Commune.objects.get(code="24931").pk,
        "username": "tht.che",
        "full_name": "K'Brơi",
        "account_email": "che@example.vn",
        "password": PASSWORD,
    }
    form_html = client.get("/chu-the/dang-ky/").content.decode()
    assert "Số giấy đăng ký (nếu có)" in form_html
    response = client.post("/chu-the/dang-ky/", data)
    producer = Producer.objects.get(name="Tổ hợp tác Chè Lạc Lâm")
    assert response.status_code == 302 and producer.registration_number == ""
    page = client.get(response["Location"]).content.decode()
    assert "None" not in page


@pytest.mark.parametrize("value", ["x", "ab12", "5800 123456", "58001234567890123456789012345678"])
def test_a_given_registration_number_is_still_checked(places, value):
    with pytest.raises(actions.ProducerError, match="Số đăng ký gồm 5–30 ký tự"):
        _register(registration_number=value)
    assert not Producer.objects.exists()


def test_the_registration_page_still_refuses_a_bad_registration_number(places, client):
    data = {
        **PRODUCER_FORM,
        "registration_number": "so-sai",
        "commune": Commune.objects.get(code="24931").pk,
        "username": "htx.che",
        "full_name": "K'Brơi",
        "account_email": "che@example.vn",
        "password": PASSWORD,
    }
    html = client.post("/chu-the/dang-ky/", data).content.decode()
    assert "Số đăng ký gồm 5–30 ký tự" in html
    assert not Producer.objects.exists()


def test_the_demo_lookup_does_not_take_one_blank_number_for_another(places):
    from ocop.dossiers.demo import existing_producer

    blank = make_producer(name="Tổ hợp tác Mây tre Phú Xuyên", registration_number="")
    numbered = make_producer(name="HTX Gốm Bát Tràng")
    commune = Commune.objects.get(code="00583")
    spec = {"name": "Tổ hợp tác khác", "registration_number": "", "commune": commune}
    assert existing_producer(spec) is None
    assert existing_producer({**spec, "name": blank.name}) == blank
    assert existing_producer({**spec, "registration_number": "0107654321"}) == numbered


# ---------------------------------------------------------------- legal type and set 26


@pytest.fixture
def pottery(producer, producer_user, criteria):
    return product_actions.create_product(
        producer,
        actor=producer_user,
        product_set=ProductSet.objects.get(number=21),
        name="Bình gốm men lam",
    )


@pytest.mark.parametrize("legal_type", ["hoi_hiep_hoi", "trung_tam_dieu_hanh"])
def test_a_legal_type_that_would_strand_a_product_is_refused_naming_it(
    producer, producer_user, pottery, legal_type
):
    with pytest.raises(actions.ProducerError) as refused:
        actions.update_producer(
            producer, actor=producer_user, legal_type=legal_type, name="Hội Gốm Bát Tràng"
        )
    message = str(refused.value)
    assert "Bình gốm men lam" in message and "26" in message
    producer = Producer.objects.get(pk=producer.pk)
    assert producer.legal_type == "htx" and producer.name == "HTX Gốm Bát Tràng"
    assert not AuditEntry.objects.filter(verb="producer.updated").exists()


def test_a_legal_type_change_that_keeps_every_product_allowed_goes_through(
    producer, producer_user, criteria
):
    product_actions.create_product(
        producer,
        actor=producer_user,
        product_set=ProductSet.objects.get(number=26),
        name="Du lịch làng gốm",
    )
    actions.update_producer(producer, actor=producer_user, legal_type="hoi_hiep_hoi")
    assert Producer.objects.get(pk=producer.pk).legal_type == "hoi_hiep_hoi"
    # and to any type that may enter every set
    actions.update_producer(producer, actor=producer_user, legal_type="tht")
    assert Producer.objects.get(pk=producer.pk).legal_type == "tht"


def test_the_edit_page_shows_why_the_legal_type_cannot_change(
    producer, producer_user, pottery, client_for
):
    data = {
        **PRODUCER_FORM,
        "name": producer.name,
        "registration_number": producer.registration_number,
        "tax_code": producer.tax_code,
        "commune": producer.commune_id,
        "legal_type": "hoi_hiep_hoi",
    }
    response = client_for(producer_user).post(f"/chu-the/{producer.code}/sua/", data)
    html = response.content.decode()
    assert response.status_code == 200 and "Bình gốm men lam" in html
    assert Producer.objects.get(pk=producer.pk).legal_type == "htx"


# ---------------------------------------------------------------- ethnicity


@pytest.mark.parametrize("form_class", [ProducerForm, RegistrationForm])
def test_the_forms_do_not_preset_the_ethnicity(places, form_class):
    form = form_class()
    field = form["representative_ethnicity"]
    assert field.field.required and not field.value()
    assert 'value="Kinh"' not in str(field)


def test_the_registration_page_refuses_a_blank_ethnicity(places, client):
    data = {
        **PRODUCER_FORM,
        "representative_ethnicity": "  ",
        "commune": Commune.objects.get(code="24931").pk,
        "username": "htx.che",
        "full_name": "K'Brơi",
        "account_email": "che@example.vn",
        "password": PASSWORD,
    }
    assert 'value="Kinh"' not in client.get("/chu-the/dang-ky/").content.decode()
    html = client.post("/chu-the/dang-ky/", data).content.decode()
    assert ETHNICITY_REQUIRED in html
    assert not Producer.objects.exists()


def test_the_officers_create_form_refuses_a_blank_ethnicity(commune_officer, client_for):
    client = client_for(commune_officer)
    assert 'value="Kinh"' not in client.get("/chu-the/moi/").content.decode()
    data = {
        **PRODUCER_FORM,
        "representative_ethnicity": "",
        "commune": Commune.objects.get(code="00583").pk,
    }
    response = client.post("/chu-the/moi/", data)
    assert response.status_code == 200 and ETHNICITY_REQUIRED in response.content.decode()
    assert not Producer.objects.exists()


def test_the_actions_do_not_invent_an_ethnicity(places):
    data = fields("00583")
    del data["representative_ethnicity"]
    with pytest.raises(actions.ProducerError, match=ETHNICITY_REQUIRED):
        actions.register_producer(
            username="htx.khong",
            password="a-strong-pass-2026",
            account_email="",
            full_name="K",
            **data,
        )
    assert not Producer.objects.exists()
