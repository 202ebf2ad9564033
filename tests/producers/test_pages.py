"""Producer pages, the evidence library and uploads through the web, products and ideas."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ocop.legal.models import ProductSet
from ocop.producers.models import EvidenceDocument, Producer
from ocop.products import actions as product_actions
from ocop.products.actions import ProductError
from ocop.products.models import Product, ProductIdea
from tests.conftest import PASSWORD
from tests.dossiers.fixtures import png_file

PRODUCER_FORM = {
    "name": "HTX Chè Đơn Dương",
    "legal_type": "htx",
    "registration_number": "5809876543",
    "tax_code": "5809876543",
    "address": "Thôn Lạc Lâm",
    "representative_name": "K'Brơi",
    "representative_gender": "nu",
    "representative_ethnicity": "Cơ Ho",
    "workforce": "10",
    "local_workforce": "9",
}


def test_self_registration_page_creates_and_signs_in(places, client):
    from ocop.places.models import Commune

    data = {
        **PRODUCER_FORM,
        "commune": Commune.objects.get(code="24931").pk,
        "username": "htx.che",
        "full_name": "K'Brơi",
        "account_email": "che@example.vn",
        "password": PASSWORD,
    }
    response = client.post("/chu-the/dang-ky/", data)
    producer = Producer.objects.get(registration_number="5809876543")
    assert response.status_code == 302 and response["Location"] == f"/chu-the/{producer.code}/"
    assert client.get(response["Location"]).status_code == 200


def test_registration_with_bad_numbers_keeps_what_was_typed(places, client):
    from ocop.places.models import Commune

    data = {
        **PRODUCER_FORM,
        "tax_code": "12",
        "commune": Commune.objects.get(code="24931").pk,
        "username": "htx.che",
        "full_name": "K'Brơi",
        "account_email": "che@example.vn",
        "password": PASSWORD,
    }
    html = client.post("/chu-the/dang-ky/", data).content.decode()
    assert "HTX Chè Đơn Dương" in html and "Thôn Lạc Lâm" in html
    assert not Producer.objects.exists()


def test_officer_creates_a_producer_only_in_their_area(commune_officer, client_for):
    from ocop.places.models import Commune

    client = client_for(commune_officer)
    other = Commune.objects.get(code="24931")
    response = client.post("/chu-the/moi/", {**PRODUCER_FORM, "commune": other.pk})
    assert response.status_code == 200 and not Producer.objects.exists()
    own = Commune.objects.get(code="00583")
    response = client.post("/chu-the/moi/", {**PRODUCER_FORM, "commune": own.pk})
    assert response.status_code == 302 and Producer.objects.get().created_by == commune_officer


def test_upload_through_the_library_page(producer, producer_user, client_for):
    client = client_for(producer_user)
    upload = SimpleUploadedFile("anh.jpg", png_file().read(), content_type="image/jpeg")
    response = client.post(
        f"/chu-the/{producer.code}/tai-lieu/",
        {"kind": "photo", "title": "Ảnh nhãn", "file": upload},
    )
    assert response.status_code == 302
    document = EvidenceDocument.objects.get()
    # Content decides: a PNG named .jpg is stored as PNG, with a thumbnail and its hash.
    assert document.content_type == "image/png" and document.extension == ".png"
    assert len(document.sha256) == 64 and document.thumbnail
    assert document.code not in document.file.name.split("/")[0]
    served = client.get(f"/chu-the/{producer.code}/tai-lieu/{document.code}/")
    assert served["Content-Type"] == "image/png" and served["X-Content-Type-Options"] == "nosniff"
    assert (
        client.get(f"/chu-the/{producer.code}/tai-lieu/{document.code}/?thumb=1")["Content-Type"]
        == "image/webp"
    )


def test_a_rejected_file_keeps_the_other_fields(producer, producer_user, client_for):
    fake = SimpleUploadedFile(
        "giay-phep.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    response = client_for(producer_user).post(
        f"/chu-the/{producer.code}/tai-lieu/",
        {"kind": "lab_test", "title": "Phiếu kiểm nghiệm 2026", "number": "KN-12", "file": fake},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Chỉ nhận PDF, JPEG, PNG, WebP, DOCX, XLSX" in html
    assert "Phiếu kiểm nghiệm 2026" in html and "KN-12" in html
    assert not EvidenceDocument.objects.exists()


def test_officers_of_the_area_read_the_evidence(producer, document, client_for, province_officer):
    response = client_for(province_officer).get(
        f"/chu-the/{producer.code}/tai-lieu/{document.code}/"
    )
    assert response.status_code == 200


def test_association_may_only_register_community_tourism(producer, producer_user, criteria):
    producer.legal_type = "hoi_hiep_hoi"
    producer.save()
    with pytest.raises(ProductError, match="26"):
        product_actions.create_product(
            producer,
            actor=producer_user,
            product_set=ProductSet.objects.get(number=9),
            name="Nước mắm",
        )
    tour = product_actions.create_product(
        producer,
        actor=producer_user,
        product_set=ProductSet.objects.get(number=26),
        name="Du lịch làng nghề",
    )
    assert Product.objects.get() == tour and tour.ocop_code is None


def test_product_set_cannot_change_once_a_dossier_exists(draft, producer_user):
    with pytest.raises(ProductError, match="bộ sản phẩm"):
        product_actions.update_product(
            draft.product, actor=producer_user, product_set=ProductSet.objects.get(number=9)
        )


def test_idea_is_accepted_or_returned_by_the_commune(
    producer, producer_user, commune_officer, other_commune_officer, client_for
):
    idea = product_actions.submit_idea(
        producer, actor=producer_user, name="Gốm men hoả biến", description="Men mới"
    )
    with pytest.raises(ProductError):
        product_actions.review(idea, "accept", actor=other_commune_officer)
    with pytest.raises(ProductError, match="lý do"):
        product_actions.review(idea, "return", actor=commune_officer)
    client = client_for(commune_officer)
    client.post(f"/y-tuong/{idea.code}/", {"decision": "return", "reason": "Chưa rõ thị trường"})
    idea.refresh_from_db()
    assert idea.state == "returned" and idea.review_note == "Chưa rõ thị trường"
    with pytest.raises(ProductError, match="khi đã ở trạng thái “Trả lại”"):
        product_actions.review(idea, "accept", actor=commune_officer)


def test_business_plan_follows_an_accepted_idea(producer, producer_user, commune_officer, document):
    idea = product_actions.submit_idea(
        producer, actor=producer_user, name="Gốm men hoả biến", description="Men mới"
    )
    with pytest.raises(ProductError, match="đã được xã chấp nhận"):
        product_actions.submit_plan(idea, actor=producer_user, kind="plan", summary="x")
    idea = product_actions.review(idea, "accept", actor=commune_officer)
    plan = product_actions.submit_plan(
        idea, actor=producer_user, kind="plan", summary="Lò gas mới", document=document
    )
    product_actions.review(plan, "accept", actor=commune_officer, note="Khả thi")
    plan.refresh_from_db()
    assert plan.state == "accepted" and plan.review_note == "Khả thi"
    assert ProductIdea.objects.get().plans.count() == 1
