"""The council's paperwork: a member's signed sheet (Phụ lục II), the round's minutes and
its result table (PDF and Excel), and who may download each."""

import io
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ocop.criteria import presenter
from ocop.evaluation import actions, councils, rules
from ocop.evaluation.enums import EvaluationState, Relation
from ocop.evaluation.walk import member_answers, score
from tests.pdf import flat, text_of

COMMENT = "Men lam đều màu; đề nghị bổ sung tem truy xuất nguồn gốc."
ADVICE = "Tư vấn bao bì năm 2025"


def vn(value) -> str:
    """A number as the documents print it: 87,25 · 90 (Vietnamese decimal comma)."""
    d = Decimal(str(value)).quantize(Decimal("0.01"))
    return str(int(d)) if d == d.to_integral_value() else f"{d:.2f}".replace(".", ",")


def get(client, name, *args):
    return client.get(reverse(f"evaluation:{name}", args=args))


def pdf_text(response) -> str:
    assert response.status_code == 200, response
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    return text_of(response.content)


def close_with_four(evaluation, scorers, chair):
    """The chair and three members score (a little apart); the fifth is recused."""
    tree = evaluation.dossier.criteria_set.sheet()
    score(evaluation, chair, comment=COMMENT)
    for lower, member in enumerate(scorers[1:4], start=1):
        score(evaluation, member, member_answers(tree, lower=lower))
    councils.declare(
        evaluation.round,
        actor=scorers[4],
        relations={evaluation.dossier.producer: (Relation.ADVISER, ADVICE)},
    )
    return actions.close(evaluation, actor=chair)


# --- a member's signed sheet ---------------------------------------------------------------


def test_the_sheet_pdf_ticks_the_members_choices_and_is_signed(client_for, evaluation, chair):
    sheet = score(evaluation, chair, comment=COMMENT)
    text = pdf_text(get(client_for(chair), "sheet_pdf", evaluation.code))
    body = flat(text)
    view = presenter.present(evaluation.dossier.criteria_set, answers=sheet.answers)
    leaves = list(view.leaves())
    assert len(leaves) > 10
    for leaf in leaves[:6]:
        assert flat("☒" + leaf.chosen.text) in body, leaf.code
        for other in leaf.options:
            if not other.checked:
                assert flat("☐" + other.text) in body, other.code
    assert body.count("☒") == len(sheet.answers)  # one tick per criterion, none elsewhere
    total = vn(sheet.result["total"])
    assert flat(f"TỔNG CỘNG 100 {total}") in body and flat(f"tổng điểm {total}/100") in body
    assert flat(COMMENT) in body
    assert "Người đánh giá" in text and "(ký, ghi rõ họ tên)" in text
    assert chair.full_name in text
    signed = sheet.submitted_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert signed.strftime("%d/%m/%Y %H:%M") in text
    product = evaluation.dossier.product
    product.refresh_from_db()
    assert product.ocop_code and product.ocop_code in text  # Mã số sản phẩm
    assert evaluation.dossier.producer.name in text


def test_the_sheet_pdf_prints_part_subtotals_and_the_ticked_rejection(
    client_for, evaluation, chair
):
    sheet = score(evaluation, chair, rejections=[0])
    conditions = evaluation.dossier.criteria_set.definition["rejection_conditions"]
    body = flat(pdf_text(get(client_for(chair), "sheet_pdf", evaluation.code)))
    assert flat("Hồ sơ bị loại khi:") + flat("☒" + conditions[0]) in body
    for code, points in sheet.result["parts"].items():
        assert re.search(rf"Phần{code}:[^☐☒]*?điểm\)\d+{re.escape(vn(points))}", body), code


def test_a_sheet_not_yet_submitted_has_no_pdf(client_for, evaluation, chair, province_officer):
    score(evaluation, chair, submit=False)
    response = get(client_for(chair), "sheet_pdf", evaluation.code)
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:sheet", args=[evaluation.code])
    # An officer of the council's office has no sheet of their own: not theirs, 404.
    assert get(client_for(province_officer), "sheet_pdf", evaluation.code).status_code == 404
    seat = rules.seat(chair, evaluation.round.council)
    response = get(client_for(province_officer), "member_sheet_pdf", evaluation.code, seat.pk)
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:product", args=[evaluation.code])


def test_who_may_download_a_members_sheet(
    client_for,
    evaluation,
    scorers,
    chair,
    people,
    province_officer,
    other_province_officer,
    producer_user,
):
    """While scoring: the member, the office and the chair; after: everyone in scope."""
    member = scorers[1]
    score(evaluation, member)
    seat = rules.seat(member, evaluation.round.council)

    def status(user):
        return get(client_for(user), "member_sheet_pdf", evaluation.code, seat.pk).status_code

    assert [status(u) for u in (member, chair, province_officer)] == [200, 200, 200]
    assert [status(u) for u in (scorers[4], people["hd.thuky"])] == [404, 404]
    assert [status(u) for u in (other_province_officer, producer_user)] == [404, 404]
    for other in (chair, scorers[2], scorers[3]):
        score(evaluation, other)
    assert actions.close(evaluation, actor=chair).state == EvaluationState.CLOSED
    assert [status(u) for u in (scorers[4], people["hd.thuky"])] == [200, 200]
    assert [status(u) for u in (other_province_officer, producer_user)] == [404, 404]


def test_a_seat_on_another_council_is_not_found(
    client_for, evaluation, chair, province_officer, other_province_officer
):
    from ocop.evaluation.walk import set_up_council
    from ocop.places.models import Province

    score(evaluation, chair)
    elsewhere = set_up_council(
        Province.objects.get(code="68"), other_province_officer, [(chair, "chair", "UBND")]
    )
    stranger = elsewhere.members.get()
    response = get(client_for(province_officer), "member_sheet_pdf", evaluation.code, stranger.pk)
    assert response.status_code == 404


# --- the minutes ---------------------------------------------------------------------------


def test_the_minutes_record_members_recusal_mean_spread_and_result(
    client_for, evaluation, scorers, chair, people, province_officer
):
    closed = close_with_four(evaluation, scorers, chair)
    text = pdf_text(get(client_for(province_officer), "minutes_pdf", evaluation.round.code))
    body = flat(text)
    council = evaluation.round.council
    assert "BIÊN BẢN" in text and flat("HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP") in body
    assert flat(council.name) in body and council.decision_number in text
    seats = {m.user_id: m for m in council.members.all()}

    def member_row(user, took_part):
        seat = seats[user.pk]
        return flat(f"{user.full_name} {seat.office} {seat.get_role_display()} {took_part}")

    for member in (chair, *scorers[1:4]):
        assert member_row(member, "Có (chấm 1/1 sản phẩm)") in body
    assert member_row(scorers[4], "Không") in body
    assert member_row(people["hd.thuky"], "Thư ký, không chấm điểm") in body
    assert flat(f"{scorers[4].full_name}: {Relation.ADVISER.label}") in body  # recused, why
    for s in closed.result["sheets"]:
        assert flat(s["member"]) in body and vn(s["total"]) in text
    assert (
        flat(f"Tổng điểm trung bình (kết quả của Hội đồng): {vn(closed.result['total'])}") in body
    )
    assert flat(f"cao nhất và thấp nhất: {vn(closed.result['spread'])} điểm") in body
    for code, points in closed.result["parts"].items():
        assert flat(f"Phần {code}") in body and vn(points) in text
    assert flat(f"Kết quả: {closed.result['stars']} sao") in body
    assert flat("QUY ĐỊNH ÁP DỤNG THEO QUY CHẾ HOẠT ĐỘNG CỦA HỘI ĐỒNG") in body
    assert flat("75% số thành viên chấm điểm") in body and flat("10 điểm") in body
    signed = "(Ký, ghi rõ họ tên)"
    assert flat(f"THƯ KÝ HỘI ĐỒNG {signed} {people['hd.thuky'].full_name}") in body
    assert flat(f"CHỦ TỊCH HỘI ĐỒNG {signed} {chair.full_name}") in body


def test_the_minutes_record_discussions_of_an_open_product(
    client_for, evaluation, scorers, chair, province_officer
):
    tree = evaluation.dossier.criteria_set.sheet()
    score(evaluation, chair)
    score(evaluation, scorers[1], member_answers(tree, lower=40))
    low = rules.seat(scorers[1], evaluation.round.council)
    actions.reopen(evaluation, [low], actor=chair, note="Thống nhất lại cách chấm tiêu chí 1.5")
    body = flat(pdf_text(get(client_for(province_officer), "minutes_pdf", evaluation.round.code)))
    assert flat("Thống nhất lại cách chấm tiêu chí 1.5") in body
    assert flat(f"mở lại phiếu để chấm lại: {scorers[1].full_name}") in body
    assert flat("Chưa có kết quả") in body
    assert flat("Tổng điểm trung bình (tạm tính)") in body


def test_the_minutes_keep_an_open_products_scores_from_a_member_yet_to_score(
    client_for, evaluation, scorers, chair, province_officer
):
    sheet = score(evaluation, chair)
    total = flat(f"Tổng điểm trung bình (tạm tính): {vn(sheet.result['total'])}")
    office = flat(pdf_text(get(client_for(province_officer), "minutes_pdf", evaluation.round.code)))
    assert total in office
    councils.declare(evaluation.round, actor=scorers[1])
    member = flat(pdf_text(get(client_for(scorers[1]), "minutes_pdf", evaluation.round.code)))
    assert total not in member
    assert flat("Điểm của từng thành viên chưa công bố") in member


def test_a_rejected_dossier_reads_rejected_with_its_reason(
    client_for, evaluation, scorers, chair, province_officer
):
    for i, member in enumerate(scorers[:4]):
        score(evaluation, member, rejections=[0] if i < 3 else [])
    rejected = actions.close(evaluation, actor=chair)
    assert rejected.state == EvaluationState.REJECTED
    client = client_for(province_officer)
    minutes = flat(pdf_text(get(client, "minutes_pdf", evaluation.round.code)))
    assert flat(f"Kết quả: Hồ sơ bị loại: {rejected.rejection_reason}") in minutes
    response = get(client, "results_xlsx", evaluation.round.code)
    header, row = list(load_workbook(io.BytesIO(response.content)).active.values)[:2]
    values = dict(zip(header, row, strict=True))
    assert values["Trạng thái"] == EvaluationState.REJECTED.label and values["Số sao"] is None
    assert values["Ghi chú"] == rejected.rejection_reason


# --- the result table ----------------------------------------------------------------------


def test_the_result_table_as_excel_keeps_the_mean_a_number(
    client_for, evaluation, scorers, chair, province_officer
):
    closed = close_with_four(evaluation, scorers, chair)
    response = get(client_for(province_officer), "results_xlsx", evaluation.round.code)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    assert headers[:2] == ["STT", "Sản phẩm"] and "Điểm trung bình" in headers
    row = {h: c.value for h, c in zip(headers, sheet[2], strict=True)}
    assert isinstance(row["Điểm trung bình"], float)
    assert row["Điểm trung bình"] == pytest.approx(float(closed.result["total"]))
    assert row["Số sao"] == closed.result["stars"] and isinstance(row["STT"], int)
    assert row["Sản phẩm"] == evaluation.dossier.product.name
    assert row["Chủ thể"] == evaluation.dossier.producer.name
    assert row["Tỉnh, thành phố"] == evaluation.dossier.province.name
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 2
    assert all(sheet.column_dimensions[c].width >= 6 for c in "ABCDEFGHIJK")


def test_the_result_table_as_pdf_lists_each_product(
    client_for, evaluation, scorers, chair, province_officer
):
    closed = close_with_four(evaluation, scorers, chair)
    text = pdf_text(get(client_for(chair), "results_pdf", evaluation.round.code))
    body = flat(text)
    dossier = evaluation.dossier
    assert flat("KẾT QUẢ ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP") in body
    for value in (dossier.product.name, dossier.producer.name, dossier.commune.name):
        assert flat(value) in body, value
    assert vn(closed.result["total"]) in text
    assert flat(f"{closed.result['stars']} sao: 1") in body


def test_an_open_product_has_no_result_in_the_table(client_for, evaluation, chair):
    score(evaluation, chair)
    response = get(client_for(chair), "results_xlsx", evaluation.round.code)
    header, row = list(load_workbook(io.BytesIO(response.content)).active.values)[:2]
    values = dict(zip(header, row, strict=True))
    assert values["Điểm trung bình"] is None and values["Số sao"] is None
    assert values["Trạng thái"] == EvaluationState.SCORING.label


@pytest.mark.parametrize("name", ["minutes_pdf", "results_pdf", "results_xlsx"])
def test_round_documents_are_not_found_outside_the_round(
    client_for, evaluation, name, other_province_officer, producer_user, province_officer
):
    code = evaluation.round.code
    assert get(client_for(other_province_officer), name, code).status_code == 404
    assert get(client_for(producer_user), name, code).status_code == 404
    assert get(client_for(province_officer), name, code).status_code == 200


# --- links from the pages ------------------------------------------------------------------


def test_the_pages_link_the_documents(client_for, evaluation, chair, province_officer):
    score(evaluation, chair)
    code, round_code = evaluation.code, evaluation.round.code
    round_page = get(client_for(province_officer), "round", round_code).content.decode()
    for name in ("minutes_pdf", "results_pdf", "results_xlsx"):
        assert reverse(f"evaluation:{name}", args=[round_code]) in round_page
    seat = rules.seat(chair, evaluation.round.council)
    product_page = get(client_for(province_officer), "product", code).content.decode()
    assert reverse("evaluation:member_sheet_pdf", args=[code, seat.pk]) in product_page
    sheet_page = get(client_for(chair), "sheet", code).content.decode()
    assert reverse("evaluation:sheet_pdf", args=[code]) in sheet_page
