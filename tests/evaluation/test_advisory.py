"""The advisory team reviews a dossier (Điều 7.3.c): findings, documents asked of the producer
and its answers, field visits, extra lab tests, the report to the chair."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from ocop.audit.models import AuditEntry
from ocop.evaluation import advisory, rules
from ocop.evaluation.actions import EvaluationError
from ocop.evaluation.enums import EvaluationState, ReportConclusion
from ocop.evaluation.models import (
    AdvisoryFile,
    AdvisoryReport,
    DocumentRequest,
    Evaluation,
    FieldVisit,
    Finding,
)
from ocop.notify.models import Notification
from ocop.producers import actions as producer_actions
from tests.dossiers.fixtures import PDF_BYTES, png_file

WEEK = dt.timedelta(days=7)


def _ask(evaluation, actor, what="Hợp đồng mua nguyên liệu men năm 2026"):
    return advisory.request_documents(
        evaluation, actor=actor, what=what, due_on=timezone.localdate() + WEEK
    )


def _verbs(evaluation):
    return list(
        AuditEntry.objects.filter(object_id=str(evaluation.pk), verb__startswith="advisory.")
        .order_by("pk")
        .values_list("verb", flat=True)
    )


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- who records ------------------------------------------------------------------------


def test_the_team_and_the_office_record_and_nobody_else(
    evaluation, advisor, province_officer, chair, scorers, other_province_officer, producer_user
):
    advisory.add_finding(evaluation, actor=advisor, text="Thiếu hợp đồng nguyên liệu")
    advisory.add_finding(evaluation, actor=province_officer, text="Nhãn chưa ghi hạn dùng")
    for outsider in (chair, scorers[1], other_province_officer, producer_user):
        with pytest.raises(EvaluationError, match="Tổ tư vấn"):
            advisory.add_finding(evaluation, actor=outsider, text="Không được ghi")
        with pytest.raises(EvaluationError, match="Tổ tư vấn"):
            _ask(evaluation, outsider)
    assert list(Finding.objects.values_list("text", flat=True)) == [
        "Thiếu hợp đồng nguyên liệu",
        "Nhãn chưa ghi hạn dùng",
    ]
    assert _verbs(evaluation) == ["advisory.finding", "advisory.finding"]


def test_the_council_reads_the_page_but_only_the_team_posts(client_for, evaluation, advisor, chair):
    url = reverse("evaluation:advisory", args=[evaluation.code])
    client = client_for(chair)
    page = client.get(url)
    assert page.status_code == 200 and 'name="form"' not in page.content.decode()
    assert client.post(url, {"form": "finding", "text": "Chủ tịch ghi"}).status_code == 404
    client = client_for(advisor)
    response = client.post(url, {"form": "finding", "criterion": "1.1", "text": "Men tại chỗ"})
    assert response.status_code == 302
    assert Finding.objects.get().criterion == "1.1"
    assert "Men tại chỗ" in client.get(url).content.decode()


def test_an_advisor_acting_for_the_producer_does_not_review(evaluation, advisor, producer):
    producer_actions.add_account(producer, advisor, actor=None)
    with pytest.raises(EvaluationError, match="Tổ tư vấn"):
        advisory.add_finding(evaluation, actor=advisor, text="Tự đánh giá mình")


def test_advisory_members_see_the_round_and_its_products(client_for, evaluation, advisor):
    assert rules.is_advisor(advisor, evaluation.round.council)
    client = client_for(advisor)
    assert client.get(reverse("evaluation:round", args=[evaluation.round.code])).status_code == 200
    assert client.get(reverse("evaluation:product", args=[evaluation.code])).status_code == 200
    assert client.get(reverse("evaluation:sheet", args=[evaluation.code])).status_code == 404


# --- documents asked of the producer -----------------------------------------------------


def test_the_producer_is_told_answers_and_both_are_kept(
    client_for, evaluation, advisor, leader, producer_user, document
):
    asked = _ask(evaluation, advisor)
    told = Notification.objects.get(recipient=producer_user, verb="advisory.request")
    assert told.url == reverse("evaluation:request", args=[asked.code])
    client = client_for(producer_user)
    page = client.get(told.url)
    assert "Hợp đồng mua nguyên liệu men" in page.content.decode()
    assert document.title in page.content.decode()  # picked from the library
    response = client.post(told.url, {"answer": "Gửi hợp đồng", "documents": [document.pk]})
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.answered and asked.answered_by == producer_user
    assert (asked.what, asked.answer) == ("Hợp đồng mua nguyên liệu men năm 2026", "Gửi hợp đồng")
    assert list(asked.documents.all()) == [document]
    # The one who asked and the rest of the team are told; the history keeps both.
    told_team = Notification.objects.filter(verb="advisory.answer")
    assert set(told_team.values_list("recipient__username", flat=True)) == {
        advisor.username,
        leader.username,
    }
    assert _verbs(evaluation) == ["advisory.request", "advisory.answer"]
    answer = AuditEntry.objects.get(verb="advisory.answer")
    assert answer.changes["request"] == asked.code
    assert answer.changes["documents"] == [document.title]
    team_page = client_for(advisor).get(reverse("evaluation:advisory", args=[evaluation.code]))
    html = team_page.content.decode()
    assert "Hợp đồng mua nguyên liệu men" in html and "Gửi hợp đồng" in html
    doc_url = reverse("evaluation:advisory_document", args=[evaluation.code, document.code])
    assert doc_url in html
    assert client_for(advisor).get(doc_url).status_code == 200


def test_another_producers_account_gets_404(
    client_for, evaluation, advisor, other_producer_user, document
):
    asked = _ask(evaluation, advisor)
    url = reverse("evaluation:request", args=[asked.code])
    client = client_for(other_producer_user)
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer": "Không phải của tôi"}).status_code == 404
    listing = client.get(reverse("evaluation:requests"))
    assert listing.status_code == 200 and asked.what not in listing.content.decode()
    with pytest.raises(EvaluationError, match="tài khoản của chủ thể"):
        advisory.answer_request(asked, actor=other_producer_user, answer="x")
    asked.refresh_from_db()
    assert not asked.answered


def test_the_producer_sees_nothing_else_of_the_council(
    client_for, evaluation, advisor, producer_user, chair
):
    advisory.add_finding(evaluation, actor=advisor, text="Nhận xét nội bộ của Tổ")
    advisory.file_report(
        evaluation, actor=advisor, text="Báo cáo nội bộ", conclusion=ReportConclusion.READY
    )
    visit = advisory.record_visit(
        evaluation,
        actor=advisor,
        visited_on=timezone.localdate(),
        people="Tổ tư vấn",
        notes="Ghi chép khảo sát",
        files=[png_file()],
    )
    asked = _ask(evaluation, advisor)
    client = client_for(producer_user)
    for url in (
        reverse("evaluation:product", args=[evaluation.code]),
        reverse("evaluation:advisory", args=[evaluation.code]),
        reverse("evaluation:advisory_file", args=[visit.photos.get().code]),
        reverse("evaluation:sheet", args=[evaluation.code]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (reverse("evaluation:requests"), reverse("evaluation:request", args=[asked.code])):
        html = client.get(url).content.decode()
        assert asked.what in html
        for secret in ("Nhận xét nội bộ", "Báo cáo nội bộ", "Ghi chép khảo sát", chair.full_name):
            assert secret not in html, (url, secret)


def test_an_answer_is_given_once(evaluation, advisor, producer_user, client_for):
    asked = _ask(evaluation, advisor)
    advisory.answer_request(asked, actor=producer_user, answer="Lần đầu")
    with pytest.raises(EvaluationError, match="đã được trả lời"):
        advisory.answer_request(asked, actor=producer_user, answer="Lần hai")
    response = client_for(producer_user).post(
        reverse("evaluation:request", args=[asked.code]), {"answer": "Lần ba"}, follow=True
    )
    assert "Yêu cầu này đã được trả lời." in _messages(response)
    asked.refresh_from_db()
    assert asked.answer == "Lần đầu"
    assert _verbs(evaluation).count("advisory.answer") == 1


def test_an_answer_needs_words_or_documents_of_the_producers_library(
    client_for, evaluation, advisor, producer_user, other_producer_user
):
    asked = _ask(evaluation, advisor)
    response = client_for(producer_user).post(
        reverse("evaluation:request", args=[asked.code]), {"answer": "  "}
    )
    assert response.status_code == 200
    assert "Hãy ghi nội dung trả lời hoặc chọn ít nhất một tài liệu." in _messages(response)
    theirs = producer_actions.upload_evidence(
        _producer_of(other_producer_user),
        actor=other_producer_user,
        file=png_file(),
        kind="photo",
        title="Ảnh của cơ sở khác",
    )
    with pytest.raises(EvaluationError, match="không có trong thư viện"):
        advisory.answer_request(asked, actor=producer_user, documents=[theirs])
    asked.refresh_from_db()
    assert not asked.answered and asked.documents.count() == 0


def _producer_of(user):
    from ocop.producers.models import Producer

    return Producer.objects.get(pk__in=rules.producer_ids(user))


# --- visits, lab tests -------------------------------------------------------------------


def test_a_field_visit_keeps_its_photos_for_the_council(client_for, evaluation, advisor, chair):
    visit = advisory.record_visit(
        evaluation,
        actor=advisor,
        visited_on=timezone.localdate(),
        people="Tổ tư vấn, cán bộ xã, chủ cơ sở",
        notes="Xưởng đúng mô tả",
        files=[png_file("xuong.png")],
    )
    photo = visit.photos.get()
    assert photo.is_image and photo.thumbnail and photo.original_name == "xuong.png"
    advisory.add_visit_files(
        visit, actor=advisor, files=[ContentFile(PDF_BYTES, name="bien-ban.pdf")]
    )
    assert visit.photos.count() == 2
    response = client_for(chair).get(reverse("evaluation:advisory_file", args=[photo.code]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert _verbs(evaluation) == ["advisory.visit", "advisory.visit_files"]


def test_lab_tests_are_asked_of_the_producer_and_their_result_recorded_once(
    client_for, evaluation, advisor, producer_user
):
    test = advisory.request_lab_test(
        evaluation, actor=advisor, what="Chì, cadimi thôi ra từ men", lab="Quatest 1"
    )
    assert Notification.objects.filter(recipient=producer_user, verb="advisory.lab_test").exists()
    listing = client_for(producer_user).get(reverse("evaluation:requests"))
    assert "Chì, cadimi thôi ra từ men" in listing.content.decode()
    advisory.record_lab_result(
        test,
        actor=advisor,
        note="Đạt QCVN 12-4:2015/BYT",
        files=[ContentFile(PDF_BYTES, name="phieu.pdf")],
    )
    test.refresh_from_db()
    assert test.done and test.files.get().content_type == "application/pdf"
    with pytest.raises(EvaluationError, match="đã được ghi"):
        advisory.record_lab_result(test, actor=advisor, note="Ghi lại")
    assert (
        "Đạt QCVN"
        not in client_for(producer_user).get(reverse("evaluation:requests")).content.decode()
    )


# --- the report to the chair -------------------------------------------------------------


def test_a_filed_report_is_never_edited_and_a_new_one_supersedes(evaluation, advisor, leader):
    first = advisory.file_report(
        evaluation, actor=advisor, text="Hồ sơ thiếu hợp đồng", conclusion="not_ready"
    )
    first.text = "Sửa lại"
    with pytest.raises(ValueError, match="never edited"):
        first.save()
    assert AdvisoryReport.objects.get(pk=first.pk).text == "Hồ sơ thiếu hợp đồng"
    second = advisory.file_report(
        evaluation, actor=leader, text="Đã bổ sung hợp đồng", conclusion="ready"
    )
    assert second.supersedes == first
    assert advisory.latest_report(evaluation) == second
    assert AdvisoryReport.objects.count() == 2  # the first is kept
    first.refresh_from_db()
    assert first.superseded_by == second and first.text == "Hồ sơ thiếu hợp đồng"
    entries = AuditEntry.objects.filter(verb="advisory.report").order_by("pk")
    assert [e.changes["conclusion"] for e in entries] == ["not_ready", "ready"]
    assert "supersedes" in entries[1].changes and "supersedes" not in entries[0].changes


def test_the_chair_is_told_when_the_report_is_filed(evaluation, advisor, chair, scorers):
    advisory.file_report(evaluation, actor=advisor, text="Đủ điều kiện", conclusion="ready")
    told = Notification.objects.filter(verb="advisory.report")
    assert list(told.values_list("recipient__username", flat=True)) == [chair.username]
    assert told.get().url == reverse("evaluation:advisory", args=[evaluation.code])


def test_the_product_page_shows_the_team_beside_the_dossier(client_for, evaluation, advisor, chair):
    asked = _ask(evaluation, advisor, what="Bổ sung phiếu kiểm nghiệm men")
    advisory.file_report(
        evaluation, actor=advisor, text="Đủ điều kiện", conclusion=ReportConclusion.WITH_NOTES
    )
    html = client_for(chair).get(reverse("evaluation:product", args=[evaluation.code]))
    html = html.content.decode()
    assert "Tổ tư vấn" in html
    assert str(ReportConclusion.WITH_NOTES.label) in html
    assert asked.what in html
    assert reverse("evaluation:advisory", args=[evaluation.code]) in html


# --- bad input ---------------------------------------------------------------------------


def test_a_past_due_date_is_refused_and_the_text_kept(client_for, evaluation, advisor):
    url = reverse("evaluation:advisory", args=[evaluation.code])
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client_for(advisor).post(
        url, {"form": "request", "what": "Giấy chứng nhận VSATTP", "due_on": yesterday}
    )
    assert response.status_code == 200
    assert "Hạn bổ sung phải từ hôm nay trở đi." in _messages(response)
    assert "Giấy chứng nhận VSATTP" in response.content.decode()  # nothing lost
    assert not DocumentRequest.objects.exists()
    response = client_for(advisor).post(
        url, {"form": "request", "what": "Giấy chứng nhận VSATTP", "due_on": "31/02/2027"}
    )
    assert any("Ngày không hợp lệ" in m for m in _messages(response))
    assert not DocumentRequest.objects.exists()


def test_a_file_that_is_not_a_photo_is_refused_with_the_visit_kept(client_for, evaluation, advisor):
    url = reverse("evaluation:advisory", args=[evaluation.code])
    fake = ContentFile(b"MZ\x90\x00 not an image", name="anh.png")
    response = client_for(advisor).post(
        url,
        {
            "form": "visit",
            "visited_on": timezone.localdate().isoformat(),
            "people": "Tổ tư vấn",
            "notes": "Lò nung gas, khu đóng gói riêng",
            "files": [fake],
        },
    )
    assert response.status_code == 200
    assert any("Không nhận loại tệp này" in m for m in _messages(response))
    assert "Lò nung gas, khu đóng gói riêng" in response.content.decode()
    assert not FieldVisit.objects.exists() and not AdvisoryFile.objects.exists()


def test_other_refusals_say_why(evaluation, advisor):
    today = timezone.localdate()
    refusals = [
        (lambda: advisory.add_finding(evaluation, actor=advisor, text=" "), "nội dung nhận xét"),
        (
            lambda: advisory.add_finding(evaluation, actor=advisor, text="x", criterion="99.9"),
            "không có trong Bộ tiêu chí",
        ),
        (
            lambda: advisory.record_visit(
                evaluation, actor=advisor, visited_on=today + WEEK, people="a", notes="b"
            ),
            "sau hôm nay",
        ),
        (
            lambda: advisory.file_report(evaluation, actor=advisor, text="x", conclusion="maybe"),
            "kết luận",
        ),
        (lambda: advisory.request_lab_test(evaluation, actor=advisor, what=""), "chỉ tiêu"),
    ]
    for attempt, words in refusals:
        with pytest.raises(EvaluationError, match=words):
            attempt()
    assert _verbs(evaluation) == []


def test_nothing_is_added_once_the_product_has_a_result(evaluation, advisor, producer_user):
    asked = _ask(evaluation, advisor)
    Evaluation.objects.filter(pk=evaluation.pk).update(state=EvaluationState.CLOSED)
    evaluation.refresh_from_db()
    with pytest.raises(EvaluationError, match="đã có kết quả"):
        advisory.add_finding(evaluation, actor=advisor, text="Muộn")
    with pytest.raises(EvaluationError, match="đã có kết quả"):
        advisory.answer_request(asked, actor=producer_user, answer="Muộn")
