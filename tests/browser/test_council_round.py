"""A small round end to end on phones: three members declare and score on a 360 px screen,
one member is recused, the chair closes the product, the minutes list who took part.

The council, the round and the accepted dossier are set up through the actions (the
dossier's own walk is the other browser test); everything the members do is done on pages.
"""

import pytest
from playwright.sync_api import expect

from ocop.accounts.enums import Role
from ocop.dossiers import actions as dossier_actions
from ocop.dossiers.enums import DossierKind, State
from ocop.dossiers.walk import People, walk_to
from ocop.evaluation.enums import EvaluationState, MemberRole
from ocop.evaluation.models import Evaluation
from ocop.evaluation.walk import member_answers, open_round, set_up_council
from ocop.legal.models import ProductSet
from ocop.places.models import Province
from ocop.products import actions as product_actions
from tests.browser.conftest import shot
from tests.browser.test_dossier_flow import _fits_phone, _new_page, _sign_in, _watch_console
from tests.conftest import make_user
from tests.pdf import text_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def small_round(criteria, producer, producer_user, commune_officer, province_officer):
    members = {
        name: make_user(name, Role.COUNCIL_MEMBER, province="01")
        for name in ("hd.chutich", "hd.congthuong", "hd.yte", "hd.khcn")
    }
    council = set_up_council(
        Province.objects.get(code="01"),
        province_officer,
        [
            (members["hd.chutich"], MemberRole.CHAIR, "UBND thành phố Hà Nội"),
            (members["hd.congthuong"], MemberRole.MEMBER, "Sở Công Thương"),
            (members["hd.yte"], MemberRole.MEMBER, "Sở Y tế"),
            (members["hd.khcn"], MemberRole.MEMBER, "Sở Khoa học và Công nghệ"),
        ],
    )
    product = product_actions.create_product(
        producer,
        actor=producer_user,
        product_set=ProductSet.objects.get(number=21),
        name="Bình gốm men lam vẽ tay",
    )
    dossier = walk_to(
        dossier_actions.start_dossier(product, actor=producer_user, kind=DossierKind.FIRST),
        State.ACCEPTED,
        People(producer=producer_user, commune=commune_officer, province=province_officer),
    )
    _rnd, (evaluation,) = open_round(council, province_officer, [dossier])
    return evaluation, members


def _declare(page, base_url, evaluation, relation=""):
    page.goto(f"{base_url}/danh-gia/dot/{evaluation.round.code}/")
    page.get_by_role("link", name="Khai báo xung đột lợi ích").click()
    if relation:
        page.get_by_label("Quan hệ").select_option(relation)
        page.get_by_label("Ghi chú (nếu có)").fill("Em ruột của giám đốc")
    page.get_by_role("button", name="Gửi khai báo").click()


def _score(page, base_url, evaluation, answers, comment):
    page.goto(f"{base_url}/danh-gia/dot/{evaluation.round.code}/")
    page.get_by_role("link", name="Chấm điểm").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Phiếu đánh giá")
    for code, option in answers.items():
        page.locator(f'input[name="a-{code}"][value="{option}"]').check()
    page.get_by_label("Ý kiến của người đánh giá").fill(comment)
    _fits_phone(page)
    page.get_by_role("button", name="Nộp, ký và chấm tiếp").click()
    expect(page.get_by_text("Đã nộp và ký phiếu.")).to_be_visible()


def test_three_members_score_one_is_recused_and_the_chair_closes(browser, live_server, small_round):
    evaluation, members = small_round
    base = live_server.url
    sheet = evaluation.dossier.criteria_set.sheet()
    pages = {name: _new_page(browser, PHONE) for name in members}
    try:
        _round_on_phones(pages, base, evaluation, members, sheet)
    finally:
        # Open keep-alive connections would hold the live server's database sessions.
        for page in pages.values():
            page.context.close()


def _round_on_phones(pages, base, evaluation, members, sheet):
    for name in members:
        _sign_in(pages[name], base, name)
    errors = _watch_console(pages["hd.chutich"])

    # The member from the science department is the director's brother: recused.
    _declare(pages["hd.khcn"], base, evaluation, relation="family")
    pages["hd.khcn"].goto(f"{base}/danh-gia/dot/{evaluation.round.code}/")
    expect(pages["hd.khcn"].get_by_text("Không chấm (xung đột lợi ích)")).to_be_visible()

    for i, name in enumerate(("hd.chutich", "hd.congthuong", "hd.yte")):
        _declare(pages[name], base, evaluation)
        _score(pages[name], base, evaluation, member_answers(sheet, lower=i), f"Ý kiến {i + 1}")
    shot(pages["hd.yte"], "council-sheet-submitted")

    chair = pages["hd.chutich"]
    chair.goto(f"{base}/danh-gia/san-pham/{evaluation.code}/")
    expect(chair.get_by_text("Đã nộp 3/3 phiếu")).to_be_visible()
    expect(chair.get_by_text("Em ruột", exact=False)).to_have_count(0)  # the note stays private
    chair.get_by_role("button", name="Kết thúc chấm, chốt kết quả").click()
    expect(chair.get_by_text("Kết quả của Hội đồng")).to_be_visible()
    _fits_phone(chair)
    shot(chair, "council-result")
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.CLOSED
    assert evaluation.result["quorum"] == {"eligible": 3, "needed": 3, "submitted": 3}

    # The minutes, downloaded as the chair would, name the three and the recusal.
    chair.goto(f"{base}/danh-gia/dot/{evaluation.round.code}/")
    href = chair.get_by_role("link", name="Biên bản họp Hội đồng").get_attribute("href")
    response = chair.request.get(base + href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = text_of(response.body())
    for name in ("hd.chutich", "hd.congthuong", "hd.yte", "hd.khcn"):
        assert members[name].full_name in text, name
    assert "Quan hệ gia đình" in text
    assert (
        str(Evaluation.objects.get(pk=evaluation.pk).result["total"]).replace(".", ",") in (text)
        or str(evaluation.result["total"]) in text
    )
    assert errors == []
