"""The provincial office's recognition pages."""

from django.urls import reverse

from ocop.recognition.enums import DecisionState
from ocop.recognition.models import Decision, Notice


def test_the_office_drafts_and_records_a_decision_from_the_page(
    client_for, evaluation, close_with, province_officer
):
    closed = close_with(evaluation)
    client = client_for(province_officer)
    url = reverse("recognition:round", args=[closed.round.code])
    page = client.get(url).content.decode()
    assert closed.dossier.product.name in page and "quyết định công nhận" in page
    response = client.post(
        url,
        {
            "kind": "recognition",
            "evaluation": closed.code,
            "d-number": "88/QĐ-UBND",
            "d-signed_on": "2026-12-22",
            "d-signer": "Chủ tịch UBND thành phố",
        },
    )
    decision = Decision.objects.get(number="88/QĐ-UBND")
    assert response["Location"] == reverse("recognition:decision", args=[decision.code])
    client.post(reverse("recognition:record", args=[decision.code]))
    decision.refresh_from_db()
    assert decision.state == DecisionState.RECORDED
    html = client.get(reverse("recognition:decision", args=[decision.code])).content.decode()
    assert "Đã ban hành" in html and closed.dossier.product.name in html


def test_a_bad_heading_keeps_the_page_and_says_why(
    client_for, evaluation, close_with, province_officer
):
    closed = close_with(evaluation)
    response = client_for(province_officer).post(
        reverse("recognition:round", args=[closed.round.code]),
        {"kind": "recognition", "evaluation": closed.code, "d-number": "89/QĐ"},
        follow=True,
    )
    assert "Hãy ghi số, ngày ký và người ký" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_notice_is_sent_from_the_page(client_for, two_more, close_with, province_officer):
    _first, low = two_more
    closed = close_with(low, "worst")
    client = client_for(province_officer)
    client.post(
        reverse("recognition:notice", args=[closed.round.code, closed.code]),
        {"n-number": "12/TB-SNNMT", "n-signed_on": "2026-12-22"},
    )
    assert Notice.objects.get(evaluation=closed).number == "12/TB-SNNMT"
