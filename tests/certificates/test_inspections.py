"""Post-certification inspections (hậu kiểm, Điều 9): planned and ad hoc checks by the
province's office (or the ministry's), findings per criterion and on the use of the OCOP
mark, photos, follow-up actions with deadlines, the conclusion, and from a failing result
the one-click start of a revocation (Điều 8.1.b, d)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ocop.audit.models import AuditEntry
from ocop.certificates import inspection_revocation, inspections
from ocop.certificates.enums import CaseState, Ground, InspectionState, Trigger
from ocop.certificates.errors import CertificateError
from ocop.certificates.models import FollowUp, Inspection, InspectionPhoto, Revocation
from ocop.legal.models import ProductSet
from ocop.products import actions as product_actions
from tests.conftest import make_producer
from tests.dossiers.fixtures import PDF_BYTES, png_file

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


@pytest.fixture
def cert(enter_certificate):
    return enter_certificate(valid_from=TODAY - 100 * DAY)


@pytest.fixture
def far_cert(enter_certificate, central_officer):
    """A certificate of a product in Lâm Đồng."""
    producer = make_producer(commune="24931", name="HTX Rau Đơn Dương")
    product = product_actions.create_product(
        producer,
        actor=central_officer,
        product_set=ProductSet.objects.get(number=21),
        name="Lọ gốm Đơn Dương",
    )
    return enter_certificate(
        product,
        valid_from=TODAY - 100 * DAY,
        authority_name="Ủy ban nhân dân tỉnh Lâm Đồng",
        actor=central_officer,
    )


@pytest.fixture
def other_cert(enter_certificate, producer, producer_user):
    """A certificate of a second product of the same producer."""
    product = product_actions.create_product(
        producer,
        actor=producer_user,
        product_set=ProductSet.objects.get(number=21),
        name="Ấm chén men rạn",
    )
    return enter_certificate(product, valid_from=TODAY - 10 * DAY)


def plan(actor, certificates, *, province="same", planned_on=TODAY - 30 * DAY, **extra):
    fields = {
        "kind": "periodic",
        "scope": "Duy trì các tiêu chí; nhãn, tem OCOP",
        "inspectors": "Nguyễn Văn An (trưởng đoàn), Trần Thị Bình",
        **extra,
    }
    return inspections.plan_inspection(
        actor=actor,
        province=certificates[0].province if province == "same" else province,
        planned_on=planned_on,
        certificates=certificates,
        **fields,
    )


def first_criterion(cert) -> tuple[str, str]:
    _part, rows = inspections.criteria_of(cert)[0]
    return rows[1]  # a sub-criterion ("1.1")


def page(inspection) -> str:
    return reverse("certificates:inspection", args=[inspection.code])


def post(client, inspection, step, **data):
    return client.post(page(inspection), {"action": step, **data})


def fail_item(item, actor, *, conclusion="fails"):
    code, _name = first_criterion(item.certificate)
    inspections.add_finding(
        item, actor=actor, criterion=code, meets=False, note="Không còn hồ sơ truy xuất nguồn gốc"
    )
    return inspections.record_result(
        item, actor=actor, mark_use="correct", conclusion=conclusion, note=""
    )


# --- planning ----------------------------------------------------------------------------


def test_plan_from_the_form_makes_one_item_per_certificate(
    cert, other_cert, province_officer, client_for
):
    other = other_cert
    client = client_for(province_officer)
    new = reverse("certificates:inspection_new")
    form = client.get(new)
    assert form.status_code == 200
    assert cert.code in form.content.decode() and other.code in form.content.decode()
    response = client.post(
        new,
        {
            "office": str(cert.province_id),
            "kind": "ad_hoc",
            "planned_on": TODAY.isoformat(),
            "scope": "Kiểm tra nhãn, tem",
            "basis": "Kế hoạch 12/KH-SNN",
            "inspectors": "Đoàn liên ngành",
            "certificates": [cert.code, other.code],
        },
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response.url == page(inspection)
    assert inspection.province == cert.province and inspection.kind == "ad_hoc"
    assert inspection.state == InspectionState.PLANNED and inspection.created_by == province_officer
    assert {i.certificate for i in inspection.items.all()} == {cert, other}
    assert AuditEntry.objects.filter(
        verb="inspection.planned", object_id=str(inspection.pk)
    ).exists()


def test_plan_is_refused_without_inspectors_or_date(cert, province_officer, client_for):
    with pytest.raises(CertificateError, match="thành phần đoàn kiểm tra"):
        plan(province_officer, [cert], inspectors=" ")
    with pytest.raises(CertificateError, match="ngày kiểm tra"):
        plan(province_officer, [cert], planned_on=None)
    response = client_for(province_officer).post(
        reverse("certificates:inspection_new"),
        {
            "office": str(cert.province_id),
            "kind": "periodic",
            "scope": "Phạm vi đã gõ",
            "inspectors": "",
            "certificates": [cert.code],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Phạm vi đã gõ" in html and "Hãy ghi thành phần đoàn kiểm tra." in html
    assert f'value="{cert.code}" checked' in html
    assert not Inspection.objects.exists()


def test_plan_is_refused_for_another_provinces_certificate(
    cert, far_cert, province_officer, other_province_officer, client_for
):
    with pytest.raises(CertificateError, match="không thuộc địa bàn"):
        plan(province_officer, [cert, far_cert], province=cert.province)
    with pytest.raises(CertificateError, match="không có quyền"):
        plan(other_province_officer, [cert])
    with pytest.raises(CertificateError, match="không có quyền"):
        plan(province_officer, [cert], province=None)  # the ministry's office
    response = client_for(province_officer).post(
        reverse("certificates:inspection_new"),
        {
            "office": str(cert.province_id),
            "kind": "periodic",
            "planned_on": TODAY.isoformat(),
            "scope": "x",
            "inspectors": "y",
            "certificates": [far_cert.code],
        },
    )
    assert response.status_code == 200
    assert far_cert.code not in response.content.decode()  # never offered
    assert not Inspection.objects.exists()


def test_the_ministry_plans_over_any_province(cert, far_cert, central_officer, client_for):
    inspection = plan(central_officer, [cert, far_cert], province=None)
    assert inspection.province is None and inspection.items.count() == 2
    response = client_for(central_officer).get(page(inspection))
    assert response.status_code == 200
    assert "Bộ Nông nghiệp và Môi trường" in response.content.decode()


# --- findings, mark use, photos ----------------------------------------------------------


def test_findings_mark_use_and_a_photo_are_recorded(cert, province_officer, client_for):
    inspection = plan(province_officer, [cert])
    item = inspection.items.get()
    code, name = first_criterion(cert)
    client = client_for(province_officer)
    response = post(
        client,
        inspection,
        "finding",
        item=item.pk,
        criterion=code,
        meets="0",
        note="Sổ ghi chép không còn",
    )
    assert response.status_code == 302
    post(client, inspection, "finding", item=item.pk, criterion="", meets="1", note="")
    response = post(
        client,
        inspection,
        "result",
        item=item.pk,
        mark_use="wrong",
        mark_note="Dán tem 4 sao trên sản phẩm 3 sao",
        conclusion="fails",
        note="",
    )
    assert response.status_code == 302
    upload = SimpleUploadedFile("nhan.png", png_file().read(), content_type="image/png")
    minutes = SimpleUploadedFile("bien-ban.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(
        page(inspection),
        {"action": "photos", "item": item.pk, "files": [upload, minutes], "caption": "Nhãn"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.findings == [
        {"criterion": code, "label": name, "meets": False, "note": "Sổ ghi chép không còn"},
        {"criterion": "", "label": "", "meets": True, "note": ""},
    ]
    assert (item.mark_use, item.conclusion) == ("wrong", "fails")
    photo, pdf = item.photos.order_by("pk")
    assert (photo.content_type, photo.original_name, photo.caption) == (
        "image/png",
        "nhan.png",
        "Nhãn",
    )
    assert pdf.extension == ".pdf" and len(photo.sha256) == 64
    served = client.get(reverse("certificates:inspection_photo", args=[photo.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert AuditEntry.objects.filter(verb="inspection.recorded").count() == 4
    html = client.get(page(inspection)).content.decode()
    assert "Sổ ghi chép không còn" in html and "nhan.png" in html


def test_findings_refuse_what_is_not_the_products_criteria_or_not_a_photo(
    cert, province_officer, client_for
):
    inspection = plan(province_officer, [cert])
    item = inspection.items.get()
    with pytest.raises(CertificateError, match="không có trong Bộ tiêu chí"):
        inspections.add_finding(item, actor=province_officer, criterion="99.9", meets=True)
    with pytest.raises(CertificateError, match="không đạt"):
        inspections.add_finding(item, actor=province_officer, criterion="", meets=False, note="")
    with pytest.raises(CertificateError, match="tiêu chí không đạt"):
        inspections.record_result(item, actor=province_officer, mark_use="", conclusion="fails")
    with pytest.raises(CertificateError, match="nhãn hiệu OCOP"):
        inspections.record_result(item, actor=province_officer, mark_use="wrong", mark_note="")
    text = SimpleUploadedFile("ghi-chu.txt", b"khong phai anh", content_type="image/png")
    response = client_for(province_officer).post(
        page(inspection), {"action": "photos", "item": item.pk, "files": [text], "caption": "Giữ"}
    )
    assert response.status_code == 200
    assert "Không nhận loại tệp này" in response.content.decode()
    assert 'value="Giữ"' in response.content.decode()
    assert not InspectionPhoto.objects.exists()


def test_a_finding_taken_back(cert, province_officer, client_for):
    inspection = plan(province_officer, [cert])
    item = inspection.items.get()
    code, _name = first_criterion(cert)
    inspections.add_finding(item, actor=province_officer, criterion=code, meets=True, note="a")
    client = client_for(province_officer)
    stale = post(client, inspection, "remove_finding", item=item.pk, index=0, criterion="9")
    assert stale.status_code == 302
    item.refresh_from_db()
    assert len(item.findings) == 1
    post(client, inspection, "remove_finding", item=item.pk, index=0, criterion=code)
    item.refresh_from_db()
    assert item.findings == []


def test_an_issued_product_is_checked_on_its_dossiers_criteria_set(issued, province_officer):
    criteria_set = issued.line.evaluation.dossier.criteria_set
    assert inspections.criteria_set_of(issued) == criteria_set
    inspection = plan(province_officer, [issued])
    item = inspection.items.get()
    leaf = next(criteria_set.sheet().leaves())
    inspections.add_finding(item, actor=province_officer, criterion=leaf.code, meets=True)
    item.refresh_from_db()
    assert item.findings[0]["label"] == leaf.name


# --- follow-ups --------------------------------------------------------------------------


def test_a_follow_up_with_a_deadline_is_flagged_when_late_then_marked_done(
    cert, province_officer, client_for
):
    inspection = plan(province_officer, [cert])
    item = inspection.items.get()
    client = client_for(province_officer)
    response = post(
        client,
        inspection,
        "follow_up",
        item=item.pk,
        requirement="Bổ sung hồ sơ truy xuất nguồn gốc",
        due_on=(TODAY - 5 * DAY).isoformat(),
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.due_on == TODAY - 5 * DAY and follow_up.done_on is None
    with pytest.raises(CertificateError, match="trước ngày kiểm tra"):
        inspections.add_follow_up(
            item, actor=province_officer, action="x", due_on=inspection.planned_on - DAY
        )
    listing = client.get(reverse("certificates:inspections")).content.decode()
    assert "Yêu cầu khắc phục quá hạn" in listing and "Bổ sung hồ sơ truy xuất" in listing
    assert "Quá hạn, chưa hoàn thành" in client.get(page(inspection)).content.decode()
    response = post(
        client,
        inspection,
        "done",
        follow_up=follow_up.pk,
        done_on=TODAY.isoformat(),
        note="Đã bổ sung sổ nhật ký",
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.done_on, follow_up.done_note) == (TODAY, "Đã bổ sung sổ nhật ký")
    assert (
        "Yêu cầu khắc phục quá hạn"
        not in client.get(reverse("certificates:inspections")).content.decode()
    )
    with pytest.raises(CertificateError, match="đã hoàn thành"):
        inspections.complete_follow_up(follow_up, actor=province_officer, note="lại")
    assert AuditEntry.objects.filter(verb="inspection.follow_up").count() == 2


# --- the conclusion ----------------------------------------------------------------------


def test_conclude_needs_each_products_conclusion_then_findings_are_fixed(
    cert, province_officer, client_for
):
    inspection = plan(province_officer, [cert])
    item = inspection.items.get()
    inspections.add_follow_up(item, actor=province_officer, action="Sửa nhãn", due_on=TODAY)
    with pytest.raises(CertificateError, match="kết luận từng sản phẩm"):
        inspections.conclude(inspection, actor=province_officer, number="5/KL", concluded_on=TODAY)
    with pytest.raises(CertificateError, match="từ ngày kiểm tra đến hôm nay"):
        inspections.conclude(
            inspection, actor=province_officer, number="5/KL", concluded_on=TODAY + DAY
        )
    inspections.record_result(item, actor=province_officer, mark_use="correct", conclusion="meets")
    client = client_for(province_officer)
    response = post(
        client, inspection, "conclude", number="15/KL-SNN", concluded_on=TODAY.isoformat()
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.CONCLUDED
    assert (inspection.conclusion_number, inspection.concluded_on) == ("15/KL-SNN", TODAY)
    assert AuditEntry.objects.filter(verb="inspection.concluded").exists()
    with pytest.raises(CertificateError, match="đã kết luận"):
        inspections.add_finding(item, actor=province_officer, criterion="", meets=True)
    with pytest.raises(CertificateError, match="đã kết luận"):
        inspections.record_result(item, actor=province_officer, mark_use="wrong", mark_note="x")
    with pytest.raises(CertificateError, match="đã kết luận"):
        inspections.add_photos(item, actor=province_officer, files=[png_file()])
    refused = post(client, inspection, "finding", item=item.pk, criterion="", meets="1", note="")
    assert refused.status_code == 200
    assert "đã kết luận" in refused.content.decode()
    item.refresh_from_db()
    assert item.findings == []
    follow_up = item.follow_ups.get()
    post(client, inspection, "done", follow_up=follow_up.pk, done_on=TODAY.isoformat(), note="Xong")
    follow_up.refresh_from_db()
    assert follow_up.done_on == TODAY
    assert client.get(page(inspection)).status_code == 200


# --- one click to a revocation -----------------------------------------------------------


def test_a_failing_finding_opens_a_revocation_on_ground_b_with_the_conclusion(
    cert, province_officer, client_for
):
    inspection = plan(province_officer, [cert])
    item = fail_item(inspection.items.get(), province_officer)
    inspections.conclude(inspection, actor=province_officer, number="7/KL-SNN", concluded_on=TODAY)
    response = post(client_for(province_officer), inspection, "revoke", item=item.pk, ground="b")
    case = Revocation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("certificates:case", args=[case.code])
    assert case.state == CaseState.OPEN and case.certificate == cert
    assert (case.ground, case.trigger) == (Ground.CRITERIA, Trigger.CONCLUSION)
    assert (case.trigger_number, case.trigger_date) == ("7/KL-SNN", TODAY)
    assert "Thành phố Hà Nội" in case.trigger_authority
    assert case.inspection_item == item
    code, _name = first_criterion(cert)
    assert code in case.summary and "Không còn hồ sơ truy xuất nguồn gốc" in case.summary
    with pytest.raises(CertificateError, match=case.code):  # one open case at a time
        inspection_revocation.start_revocation(item, actor=province_officer, ground="b")


def test_wrong_mark_use_opens_a_revocation_on_ground_d_with_the_inspections_code(
    cert, province_officer, client_for
):
    inspection = plan(province_officer, [cert], planned_on=TODAY - 2 * DAY)
    item = inspection.items.get()
    with pytest.raises(CertificateError, match="nhãn hiệu OCOP"):
        inspection_revocation.start_revocation(item, actor=province_officer, ground="d")
    with pytest.raises(CertificateError, match="tiêu chí không đạt"):
        inspection_revocation.start_revocation(item, actor=province_officer, ground="b")
    inspections.record_result(
        item, actor=province_officer, mark_use="wrong", mark_note="Tự in logo OCOP 5 sao"
    )
    response = post(client_for(province_officer), inspection, "revoke", item=item.pk, ground="d")
    case = Revocation.objects.get()
    assert response.url == reverse("certificates:case", args=[case.code])
    assert case.ground == Ground.MARK
    assert (case.trigger_number, case.trigger_date) == (inspection.code, TODAY - 2 * DAY)
    assert "Tự in logo OCOP 5 sao" in case.summary and case.inspection_item == item


# --- who ---------------------------------------------------------------------------------


def test_another_provinces_officer_gets_404(
    cert, province_officer, other_province_officer, client_for, producer_user
):
    inspection = plan(province_officer, [cert])
    item = inspection.items.get()
    photo = inspections.add_photos(item, actor=province_officer, files=[png_file()])[0]
    client = client_for(other_province_officer)
    assert client.get(page(inspection)).status_code == 404
    assert client.get(reverse("certificates:inspection_photo", args=[photo.pk])).status_code == 404
    fail_item(item, province_officer)
    assert post(client, inspection, "revoke", item=item.pk, ground="b").status_code == 404
    assert not Revocation.objects.exists()
    listing = client.get(reverse("certificates:inspections"))
    assert listing.status_code == 200 and inspection.code not in listing.content.decode()
    with pytest.raises(CertificateError, match="không có quyền"):
        inspections.add_finding(item, actor=other_province_officer, criterion="", meets=True)
    producer = client_for(producer_user)
    for url in (
        reverse("certificates:inspections"),
        reverse("certificates:inspection_new"),
        page(inspection),
    ):
        assert producer.get(url).status_code == 404


def test_the_pages_render_for_the_office(cert, province_officer, central_officer, client_for):
    inspection = plan(province_officer, [cert])
    item = fail_item(inspection.items.get(), province_officer)
    inspections.add_follow_up(item, actor=province_officer, action="Sửa nhãn", due_on=TODAY)
    inspections.add_photos(item, actor=province_officer, files=[png_file()])
    for user in (province_officer, central_officer):
        client = client_for(user)
        for url in (
            reverse("certificates:inspections"),
            reverse("certificates:inspection_new"),
            page(inspection),
        ):
            response = client.get(url)
            assert response.status_code == 200, url
        html = response.content.decode()
        assert "Lập hồ sơ thu hồi: không còn đáp ứng Bộ tiêu chí (điểm b)" in html
        assert 'style="' not in html and "<script>" not in html


def test_products_are_added_to_an_inspection_that_named_none(
    cert, far_cert, province_officer, client_for
):
    inspection = plan(province_officer, [], province=cert.province)  # as from a report
    client = client_for(province_officer)
    html = client.get(page(inspection)).content.decode()
    assert cert.code in html and far_cert.code not in html
    assert post(client, inspection, "add", certificate=cert.code).status_code == 302
    assert [i.certificate for i in inspection.items.all()] == [cert]
    refused = post(client, inspection, "add", certificate=far_cert.code)
    assert refused.status_code == 200 and inspection.items.count() == 1
    with pytest.raises(CertificateError, match="không thuộc địa bàn"):
        inspections.add_certificates(inspection, actor=province_officer, certificates=[far_cert])
