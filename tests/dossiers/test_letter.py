"""The commune's proposal letter (Điều 6.2.a, 26/2026) is a document attached to the dossier,
uploaded (checked like evidence) or generated from Mẫu 03, not only a number: the commune
cannot propose without it. Mẫu 03 prints no number that was not given."""

import datetime as dt
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ocop.audit.models import AuditEntry
from ocop.dossiers import actions, documents
from ocop.dossiers.actions import DossierError
from ocop.dossiers.enums import State, Step
from ocop.dossiers.models import Dossier, ProposalLetter
from tests.dossiers.fixtures import PDF_BYTES, assess
from tests.pdf import flat, text_of

NO_LETTER = "Chưa đính kèm văn bản đề nghị của xã"


def _pdf(name="cong-van-125.pdf"):
    return ContentFile(PDF_BYTES, name=name)


@pytest.fixture
def reviewing(draft, bring, commune_officer):
    """At the commune, Mẫu 03 complete (number and date of the letter given) but no letter."""
    dossier = bring(draft, State.COMMUNE_REVIEWING)
    assess(dossier, commune_officer, letter=False)
    return dossier


def test_a_proposal_needs_the_letter_itself_not_only_its_number(reviewing, commune_officer):
    assert actions.assessment_problems(reviewing) == [
        "Chưa đính kèm văn bản đề nghị của xã (tải lên bản đã ký hoặc tạo từ Mẫu 03)."
    ]
    with pytest.raises(DossierError, match=NO_LETTER):
        actions.transition(reviewing, Step.PROPOSE, actor=commune_officer)
    refused = Dossier.objects.get(pk=reviewing.pk)
    assert refused.state == State.COMMUNE_REVIEWING and refused.product.ocop_code is None

    actions.attach_letter(reviewing, actor=commune_officer, file=_pdf())
    assert actions.assessment_problems(reviewing) == []
    actions.transition(reviewing, Step.PROPOSE, actor=commune_officer)
    assert Dossier.objects.get(pk=reviewing.pk).state == State.PROPOSED


def test_an_uploaded_letter_is_checked_like_evidence(reviewing, commune_officer):
    with pytest.raises(DossierError, match="Không nhận loại tệp này"):
        actions.attach_letter(
            reviewing, actor=commune_officer, file=ContentFile(b"<html>", name="cv.pdf")
        )
    assert not ProposalLetter.objects.exists()

    letter = actions.attach_letter(reviewing, actor=commune_officer, file=_pdf())
    assert not letter.generated
    assert (letter.content_type, letter.extension) == ("application/pdf", ".pdf")
    assert letter.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert (letter.number, letter.date) == ("125/UBND-KT", timezone.localdate())
    assert letter.original_name == "cong-van-125.pdf"
    assert "cong-van" not in letter.file.name  # stored under a random name
    assert actions.current_letter(reviewing) == letter
    entry = AuditEntry.objects.get(verb="dossier.letter_attached")
    assert entry.changes["sha256"] == letter.sha256 and entry.changes["generated"] is False


def test_a_generated_letter_is_the_proposal_with_what_is_sent(reviewing, commune_officer):
    assess(reviewing, commune_officer, letter=False, signer="Phạm Quốc Khánh")
    letter = actions.attach_letter(reviewing, actor=commune_officer)
    assert letter.generated and letter.content_type == "application/pdf"
    text = text_of(letter.file.read())
    today = timezone.localdate()
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 125/UBND-KT",
        "V/v đề nghị đánh giá, phân hạng sản phẩm OCOP",
        f"ngày {today.day:02d} tháng {today.month:02d} năm {today.year}",
        "Kính gửi:",
        "26/2026/QĐ-TTg",
        "Bình gốm men lam",
        "HTX Gốm Bát Tràng",
        "Mẫu số 03",
        "01 bộ hồ sơ giấy và 01 bộ hồ sơ điện tử",
        "05 sản phẩm mẫu",
        "Phạm Quốc Khánh",
    ):
        assert flat(expected) in flat(text), expected
    assert actions.assessment_problems(reviewing) == []


def test_a_letter_bears_the_number_and_date_written_in_mau03(commune_officer, reviewing):
    actions.save_assessment(reviewing, actor=commune_officer, letter_number="", letter_date=None)
    for file in (None, _pdf()):
        with pytest.raises(DossierError, match="số và ngày văn bản đề nghị"):
            actions.attach_letter(reviewing, actor=commune_officer, file=file)
    assert not ProposalLetter.objects.exists()

    assess(reviewing, commune_officer)  # number 125, today, and the generated letter
    first = actions.current_letter(reviewing)
    # The commune corrects the number afterwards: the attached letter no longer matches.
    actions.save_assessment(reviewing, actor=commune_officer, letter_number="126/UBND-KT")
    (problem,) = actions.assessment_problems(reviewing)
    assert "125/UBND-KT" in problem and "hãy đính kèm lại" in problem
    second = actions.attach_letter(reviewing, actor=commune_officer)
    assert actions.current_letter(reviewing) == second != first
    assert reviewing.letters.count() == 2  # the earlier letter is kept
    assert actions.assessment_problems(reviewing) == []


@pytest.mark.parametrize(
    "persona", ["producer_user", "province_officer", "other_commune_officer", "central_officer"]
)
def test_only_the_commune_holding_the_dossier_attaches_its_letter(request, reviewing, persona):
    with pytest.raises(DossierError):
        actions.attach_letter(reviewing, actor=request.getfixturevalue(persona), file=_pdf())
    assert not ProposalLetter.objects.exists()


def test_no_letter_is_attached_once_the_dossier_has_gone_to_the_province(
    draft, bring, commune_officer
):
    dossier = bring(draft, State.PROPOSED)
    with pytest.raises(DossierError):
        actions.attach_letter(dossier, actor=commune_officer, file=_pdf())
    assert dossier.letters.count() == 1


def test_the_commune_attaches_the_letter_on_the_mau03_page(
    reviewing, client_for, commune_officer, producer_user
):
    url = f"/ho-so/{reviewing.code}/van-ban-de-nghi/"
    client = client_for(commune_officer)
    html = client.get(f"/ho-so/{reviewing.code}/mau-03/").content.decode()
    assert "Văn bản đề nghị của xã" in html and "Tạo văn bản từ Mẫu 03" in html
    assert client.get(url).status_code == 404  # nothing attached yet

    bad = client.post(url, {"file": SimpleUploadedFile("cv.pdf", b"hello")}, follow=True)
    assert "Không nhận loại tệp này" in bad.content.decode()
    assert not ProposalLetter.objects.exists()

    response = client.post(url, {"file": SimpleUploadedFile("cv.pdf", PDF_BYTES)})
    assert response.status_code == 302 and response["Location"].endswith("/mau-03/")
    letter = ProposalLetter.objects.get()
    assert not letter.generated

    # Whoever sees the dossier reads the letter; only the commune attaches one.
    got = client_for(producer_user).get(url)
    assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
    assert got["X-Content-Type-Options"] == "nosniff"
    assert b"".join(got.streaming_content) == PDF_BYTES
    assert client_for(producer_user).post(url, {"generate": "1"}).status_code == 404

    client = client_for(commune_officer)
    generated = client.post(url, {"generate": "1"}, follow=True).content.decode()
    assert "Đã đính kèm văn bản đề nghị số 125/UBND-KT." in generated
    assert actions.current_letter(reviewing).generated
    detail = client_for(producer_user).get(f"/ho-so/{reviewing.code}/").content.decode()
    assert "Văn bản đề nghị số 125/UBND-KT" in detail and url in detail


def test_mau03_prints_no_number_that_was_not_given(draft, bring, commune_officer):
    dossier = bring(draft, State.COMMUNE_REVIEWING)
    assess(dossier, commune_officer, letter_date=dt.date(2026, 11, 25))
    text = text_of(documents.render(dossier, "mau03"))
    # Neither an invented "Số: ……/BC-UBND" nor the proposal letter's number.
    assert "Số:" not in text and "125/UBND-KT" not in text
    assert "ngày 25 tháng 11 năm 2026" in text
    actions.save_assessment(dossier, actor=commune_officer, report_number="07/BC-UBND")
    assert "Số: 07/BC-UBND" in text_of(documents.render(dossier, "mau03"))
