"""The council's pages as members, the chair and the office use them."""

import re

from django.urls import reverse

from ocop.evaluation import actions, councils
from ocop.evaluation.enums import EvaluationState, Relation
from ocop.evaluation.models import ScoreSheet
from ocop.evaluation.walk import member_answers, score


def _answers_post(evaluation, answers, **extra):
    return {**{f"a-{c}": o for c, o in answers.items()}, **extra}


def test_a_member_is_sent_to_declare_before_the_sheet(client_for, evaluation, chair):
    response = client_for(chair).get(reverse("evaluation:sheet", args=[evaluation.code]))
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:declare", args=[evaluation.round.code])


def test_the_declaration_page_records_a_relation(client_for, evaluation, scorers):
    member = scorers[2]
    producer = evaluation.dossier.producer
    client = client_for(member)
    page = client.get(reverse("evaluation:declare", args=[evaluation.round.code]))
    assert producer.name in page.content.decode()
    client.post(
        reverse("evaluation:declare", args=[evaluation.round.code]),
        {f"r-{producer.code}": Relation.EMPLOYER, f"n-{producer.code}": "Làm kế toán"},
    )
    response = client.get(reverse("evaluation:sheet", args=[evaluation.code]))
    assert response.status_code == 404  # a recused member does not open the sheet
    round_page = client.get(reverse("evaluation:round", args=[evaluation.round.code]))
    assert "Không chấm (xung đột lợi ích)" in round_page.content.decode()


def test_autosave_answers_json_and_keeps_the_answers(client_for, evaluation, chair):
    councils.declare(evaluation.round, actor=chair)
    answers = member_answers(evaluation.dossier.criteria_set.sheet())
    first = dict(list(answers.items())[:3])
    response = client_for(chair).post(
        reverse("evaluation:sheet", args=[evaluation.code]),
        _answers_post(evaluation, first, comment="Đang chấm"),
        headers={"X-Requested-With": "fetch"},
    )
    data = response.json()
    assert data["ok"] and data["total"] > 0
    sheet = ScoreSheet.objects.get(evaluation=evaluation)
    assert sheet.answers == first and sheet.comment == "Đang chấm" and not sheet.submitted


def test_submitting_an_incomplete_sheet_says_what_is_missing(client_for, evaluation, chair):
    councils.declare(evaluation.round, actor=chair)
    answers = member_answers(evaluation.dossier.criteria_set.sheet())
    partial = dict(list(answers.items())[:3])
    response = client_for(chair).post(
        reverse("evaluation:sheet", args=[evaluation.code]),
        _answers_post(evaluation, partial, action="submit_next"),
    )
    html = response.content.decode()
    assert response.status_code == 200 and "tiêu chí chưa chấm" in html
    chosen = next(iter(partial.values()))
    assert re.search(rf'value="{re.escape(chosen)}" data-points="[^"]*" checked', html)
    assert not ScoreSheet.objects.get(evaluation=evaluation).submitted


def test_submit_and_next_signs_and_goes_to_the_round(client_for, evaluation, chair):
    councils.declare(evaluation.round, actor=chair)
    answers = member_answers(evaluation.dossier.criteria_set.sheet())
    response = client_for(chair).post(
        reverse("evaluation:sheet", args=[evaluation.code]),
        _answers_post(evaluation, answers, action="submit_next"),
    )
    assert response["Location"] == reverse("evaluation:round", args=[evaluation.round.code])
    assert ScoreSheet.objects.get(evaluation=evaluation).submitted
    again = client_for(chair).post(
        reverse("evaluation:sheet", args=[evaluation.code]),
        _answers_post(evaluation, answers),
        headers={"X-Requested-With": "fetch"},
    )
    assert again.status_code == 400 and "không sửa được" in again.json()["error"]


def test_members_see_others_totals_only_after_their_own_sheet(client_for, evaluation, scorers):
    score(evaluation, scorers[1], comment="Bao bì đẹp")
    url = reverse("evaluation:product", args=[evaluation.code])
    before = client_for(scorers[2]).get(url).content.decode()
    assert "Bao bì đẹp" not in before and "sau khi bạn nộp phiếu" in before
    score(evaluation, scorers[2])
    after = client_for(scorers[2]).get(url).content.decode()
    assert "Bao bì đẹp" in after


def test_the_chair_closes_from_the_page_and_the_result_shows(
    client_for, evaluation, scorers, chair
):
    for member in scorers[:4]:
        score(evaluation, member)
    client = client_for(chair)
    client.post(reverse("evaluation:close", args=[evaluation.code]))
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.CLOSED
    html = client.get(reverse("evaluation:product", args=[evaluation.code])).content.decode()
    assert "Kết quả của Hội đồng" in html and "Chủ thể tự chấm" in html


def test_closing_without_quorum_says_why_and_changes_nothing(client_for, evaluation, chair):
    score(evaluation, chair)
    client = client_for(chair)
    response = client.post(reverse("evaluation:close", args=[evaluation.code]), follow=True)
    assert "Chưa đủ số thành viên chấm" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.SCORING


def test_the_office_sets_up_a_council_from_the_page(client_for, province_officer, people):
    client = client_for(province_officer)
    response = client.post(
        reverse("evaluation:council_new"),
        {
            "place": "01",
            "name": "Hội đồng OCOP Hà Nội 2027",
            "decision_number": "77/QĐ-UBND",
            "decision_date": "2027-01-05",
            "decision_signer": "Chủ tịch UBND thành phố",
            "term_from": "2027-01-05",
            "quorum_ratio": "0.75",
            "chair_required": "on",
            "spread_threshold": "10",
            "minimums_rule": "mean",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    council_url = response["Location"]
    page = client.get(council_url).content.decode()
    assert "Theo Quy chế hoạt động của Hội đồng" in page
    client.post(
        council_url,
        {
            "form": "member",
            "user": people["hd.chutich"].username,
            "body": "council",
            "role": "chair",
            "office": "UBND thành phố Hà Nội",
        },
    )
    assert people["hd.chutich"].full_name in client.get(council_url).content.decode()


def test_a_bad_council_form_keeps_what_was_typed(client_for, province_officer):
    response = client_for(province_officer).post(
        reverse("evaluation:council_new"),
        {"place": "01", "name": "Hội đồng giữ chữ", "quorum_ratio": "2"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Hội đồng giữ chữ" in html


def test_pages_answer_the_council_member(client_for, evaluation, chair):
    client = client_for(chair)
    for url in (
        reverse("evaluation:home"),
        reverse("evaluation:round", args=[evaluation.round.code]),
        reverse("evaluation:product", args=[evaluation.code]),
    ):
        assert client.get(url).status_code == 200, url


def test_part_subtotals_show_without_javascript(client_for, evaluation, chair):
    councils.declare(evaluation.round, actor=chair)
    answers = member_answers(evaluation.dossier.criteria_set.sheet())
    sheet = actions.save_sheet(evaluation, actor=chair, answers=answers)
    html = client_for(chair).get(reverse("evaluation:sheet", args=[evaluation.code])).content
    parts = re.findall(r"data-part-total>([\d.,]+)<", html.decode())
    assert [p.replace(",", ".") for p in parts] == [
        str(sheet.result["parts"][code]) for code in sheet.result["parts"]
    ]


def test_the_council_opens_the_evidence_filed_with_the_dossier(
    client_for, council, province_officer, commune_officer, product, producer_user, document, chair
):
    from ocop.dossiers import actions as dossier_actions
    from ocop.dossiers.walk import People, walk_to
    from ocop.evaluation.walk import open_round

    accepted = walk_to(
        dossier_actions.start_dossier(product, actor=producer_user, kind="first"),
        "accepted",
        People(producer=producer_user, commune=commune_officer, province=province_officer),
        documents=[document],
    )
    _rnd, (evaluation,) = open_round(council, province_officer, [accepted])
    councils.declare(evaluation.round, actor=chair)
    client = client_for(chair)
    html = client.get(reverse("evaluation:sheet", args=[evaluation.code])).content.decode()
    url = reverse("evaluation:dossier_document", args=[evaluation.code, document.code])
    assert f'href="{url}"' in html
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == document.content_type
    # Only what was filed with this dossier: another paper of the library is not found.
    from ocop.producers import actions as producer_actions
    from tests.dossiers.fixtures import png_file

    other = producer_actions.upload_evidence(
        accepted.producer, actor=producer_user, file=png_file(), kind="photo", title="Khác"
    )
    other_url = reverse("evaluation:dossier_document", args=[evaluation.code, other.code])
    assert client.get(other_url).status_code == 404
