import re

import pytest

from ocop.lib.text import fold
from tests.pdf import text_of

pytestmark = pytest.mark.django_db

SHEET = "/tu-danh-gia/QD26-2026-S09/"


def test_fold_removes_vietnamese_accents():
    assert fold("Nước MẮM  Đà Nẵng") == "nuoc mam da nang"


def test_choose_page_lists_all_sets_by_sector_without_sign_in(client, criteria):
    response = client.get("/tu-danh-gia/")
    assert response.status_code == 200
    assert response.context["count"] == 26
    assert "Tương, nước mắm, gia vị dạng lỏng khác" in response.content.decode()


@pytest.mark.parametrize(
    ("q", "expected"), [("nuoc mam", "QD26-2026-S09"), ("DU LỊCH", "QD26-2026-S26")]
)
def test_search_folds_accents(client, criteria, q, expected):
    response = client.get("/tu-danh-gia/", {"q": q})
    codes = [
        cs.code for _s, groups in response.context["sectors"] for _g, sets in groups for cs in sets
    ]
    assert codes == [expected]


def test_sheet_shows_options_as_radios_with_points_and_marks(client, criteria):
    html = client.get(SHEET).content.decode()
    assert 'type="radio" name="1.1" value="1.1-1"' in html
    assert "tối thiểu 3★" in html and "Hồ sơ bị loại khi" in html


def test_sheet_keeps_answers_from_the_address(client, criteria):
    html = client.get(SHEET, {"1.1": "1.1-2"}).content.decode()
    assert re.search(r'name="1.1" value="1.1-2" data-points="\d+" checked', html)
    assert len(re.findall(r"\bchecked\b", html)) == 1
    assert re.search(r"data-running-total>3</strong> / 100", html)  # set 9: 1.1-2 is worth 3


def test_result_shows_total_stars_and_what_to_improve(client, criteria):
    response = client.get(SHEET + "ket-qua/", {"1.1": "1.1-3", "4.1": "4.1-1"})
    assert response.status_code == 200
    result = response.context["result"]
    assert result["total"] == 6 and result["stars"] == 1  # set 9: 1.1-3 is 5, 4.1-1 is 1
    html = response.content.decode()
    assert "chưa đủ điều kiện công nhận OCOP" in html
    assert "Để đạt 3 sao" in html
    assert "ket-qua.pdf?1.1=1.1-3&amp;4.1=4.1-1" in html


def test_result_with_both_cases_explains_and_keeps_the_answers(client, criteria):
    response = client.get(
        "/tu-danh-gia/QD26-2026-S26/ket-qua/", {"8.a": "8.a-1", "8.b": "8.b-1", "6": "6-2"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "chỉ được chọn một trong hai trường hợp" in html
    assert re.search(r'value="6-2" data-points="\d+" checked', html)


def test_unknown_option_in_the_address_is_explained(client, criteria):
    response = client.get(SHEET + "ket-qua/", {"1.1": "nope"})
    assert response.status_code == 400
    assert "nope" in response.content.decode()


def test_unknown_set_is_404(client, criteria):
    assert client.get("/tu-danh-gia/QD26-2026-S99/").status_code == 404


def test_result_downloads_as_pdf(client, criteria):
    response = client.get(SHEET + "ket-qua.pdf", {"1.1": "1.1-3"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_result_page_renders_in_english(client, criteria):
    client.cookies["ocop_language"] = "en"
    html = client.get(SHEET + "ket-qua/", {"1.1": "1.1-3"}).content.decode()
    assert "Self-assessment result" in html and 'lang="en"' in html


def test_staff_sheet_pages_are_for_office_users(
    client, client_for, criteria, commune_officer, plain_user
):
    assert client.get("/bo-tieu-chi/").status_code == 302
    assert client_for(plain_user).get("/bo-tieu-chi/").status_code == 404
    office = client_for(commune_officer)
    assert office.get("/bo-tieu-chi/").status_code == 200
    html = office.get("/bo-tieu-chi/QD26-2026-S01/").content.decode()
    assert "TỔNG CỘNG" in html and "tối thiểu 5★" in html


def _best_but(cs_code, leaf_code, option_code):
    from ocop.criteria.models import CriteriaSet

    sheet = CriteriaSet.objects.get(code=cs_code).sheet()
    answers = {leaf.code: max(leaf.options, key=lambda o: o.points).code for leaf in sheet.leaves()}
    return {**answers, leaf_code: option_code}


def test_a_three_star_result_says_what_four_stars_need_not_that_it_failed(client, criteria):
    # Set 21 with every best option but 1.4 on its 3★ mark: 97 points, 3★ (1.4's 4★ and 5★
    # minimums are not met). That is a 3★ product, not a failure.
    answers = _best_but("QD26-2026-S21", "1.4", "1.4-2")
    response = client.get("/tu-danh-gia/QD26-2026-S21/ket-qua/", answers)
    result = response.context["result"]
    assert (result["total"], result["band_stars"], result["stars"]) == (97, 5, 3)
    html = response.content.decode()
    assert "Chưa đạt yêu cầu tối thiểu" not in html
    assert "Sản phẩm có thể đạt 3 sao OCOP." in html
    assert "sản phẩm xếp 3 sao vì còn yêu cầu tối thiểu của mức cao hơn chưa đạt" in html
    assert [m["criterion"] for m in result["next_star"]["minimums"]] == ["1.4"]
    assert result["next_star"]["stars"] == 4 and "Để đạt 4 sao" in html
    assert [
        (g["stars"], [u["criterion"] for u in g["items"]]) for g in result["minimums_to_reach"]
    ] == [(5, ["1.4"])]
    assert "Để đạt 5 sao cần" in html


def test_a_missing_three_star_minimum_is_shown_as_what_keeps_it_from_ocop(client, criteria):
    answers = _best_but("QD26-2026-S21", "4.1", "4.1-1")
    response = client.get("/tu-danh-gia/QD26-2026-S21/ket-qua/", answers)
    result = response.context["result"]
    assert (result["total"], result["stars"]) == (96, 2)
    assert [u["criterion"] for u in result["blocking_minimums"]] == ["4.1"]
    html = response.content.decode()
    assert "Chưa đạt yêu cầu tối thiểu 3 sao" in html
    assert "chưa đủ điều kiện công nhận OCOP" in html
    # The 3★ minimum is told once, as the failure; 4★ and 5★ come after, as what they need.
    assert result["next_star"]["stars"] == 3 and result["next_star"]["minimums"] == []
    assert [g["stars"] for g in result["minimums_to_reach"]] == [4, 5]


def test_the_pdf_groups_minimums_the_same_way(client, criteria):

    answers = _best_but("QD26-2026-S21", "1.4", "1.4-2")
    pdf = client.get("/tu-danh-gia/QD26-2026-S21/ket-qua.pdf", answers).content
    text = text_of(pdf)
    assert "Để đạt 4 sao cần" in text and "Yêu cầu tối thiểu chưa đạt" not in text
