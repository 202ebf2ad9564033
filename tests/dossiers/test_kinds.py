"""The kinds of dossier (Điều 6.1): a first evaluation for a product without a standing
recognition, an upgrade for a recognised product below 5★ (Điều 7.5), a re-evaluation only
in the renewal window of Điều 7.6.a; what an upgrade and a re-evaluation must hold before
they are submitted."""

import datetime as dt

import pytest
from django.utils import timezone

from ocop.dossiers import actions, documents, kinds
from ocop.dossiers.actions import DossierError
from ocop.dossiers.enums import DossierKind, State, Step
from ocop.dossiers.models import Dossier
from ocop.dossiers.standing import standing_of
from ocop.legal.validity import expiry, renewal_window
from ocop.producers import actions as producer_actions
from ocop.recognition import actions as recognition_actions
from ocop.recognition.enums import DecisionKind
from tests.dossiers.fixtures import fill, png_file
from tests.pdf import text_of
from tests.recognition.fixtures import expiring_in

# The 5★ path up to the ministry's council (fixtures and helpers of the recognition tests).
from tests.recognition.test_five_star import (  # noqa: F401
    MINISTRY,
    approved,
    central_round,
    received,
    score_central,
)

UPGRADE, RE_EVALUATION, FIRST = DossierKind.UPGRADE, DossierKind.RE_EVALUATION, DossierKind.FIRST


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def paper(producer, user, *, title, kind="lab_test", expires_on=None):
    return producer_actions.upload_evidence(
        producer,
        actor=user,
        file=png_file(),
        kind=kind,
        title=title,
        issued_on=dt.date(2023, 1, 1),
        expires_on=expires_on,
    )


# --- which kind may start ---------------------------------------------------------------


def test_a_product_noticed_at_one_or_two_stars_registers_again_as_a_first(
    evaluation, close_with, province_officer, producer_user
):
    closed = close_with(evaluation, "worst")
    recognition_actions.send_notice(
        closed, actor=province_officer, number="9/TB-UBND", signed_on=timezone.localdate()
    )
    product = closed.dossier.product
    assert standing_of(product) is None
    with pytest.raises(DossierError, match="chưa được công nhận"):
        actions.start_dossier(product, actor=producer_user, kind=UPGRADE)
    again = actions.start_dossier(product, actor=producer_user, kind=FIRST)
    assert again.kind == FIRST and again.based_on is None


def test_a_recognised_product_cannot_start_a_first(recognised, producer_user):
    standing = standing_of(recognised.product)
    assert standing.dossier == recognised and 3 <= standing.stars <= 4
    assert standing.expires_on == expiry(timezone.localdate())
    with pytest.raises(DossierError, match="đã được công nhận") as refused:
        actions.start_dossier(recognised.product, actor=producer_user, kind=FIRST)
    assert standing.reference in str(refused.value) and "nâng hạng" in str(refused.value)
    assert recognised.product.dossiers.count() == 1


def test_an_unrecognised_product_cannot_upgrade(product, producer_user):
    with pytest.raises(DossierError, match="chưa được công nhận OCOP"):
        actions.start_dossier(product, actor=producer_user, kind=UPGRADE)
    assert not Dossier.objects.exists()


def test_an_approval_for_the_ministry_is_not_a_recognition(
    evaluation, close_with, province_officer, producer_user
):
    """A 5★ result the province approved waits for the Minister: nothing to upgrade yet."""
    closed = close_with(evaluation, "best")
    decision = recognition_actions.draft_decision(
        closed.round,
        [closed],
        actor=province_officer,
        kind=DecisionKind.APPROVAL,
        number="31/QĐ-UBND",
        signed_on=timezone.localdate(),
        signer="Chủ tịch UBND",
    )
    recognition_actions.record_decision(decision, actor=province_officer)
    assert standing_of(closed.dossier.product) is None
    with pytest.raises(DossierError, match="chưa được công nhận"):
        actions.start_dossier(closed.dossier.product, actor=producer_user, kind=UPGRADE)


def test_a_withdrawn_recognition_no_longer_counts(recognised, province_officer, producer_user):
    from ocop.recognition.models import Decision

    decision = Decision.objects.get(lines__evaluation__dossier=recognised)
    correction = recognition_actions.correct(
        decision,
        decision.lines.all(),
        actor=province_officer,
        number="77/QĐ-UBND",
        signed_on=timezone.localdate(),
        signer="Chủ tịch UBND",
        reason="Sai điểm",
    )
    assert standing_of(recognised.product) is not None  # a draft withdraws nothing
    recognition_actions.record_decision(correction, actor=province_officer)
    assert standing_of(recognised.product) is None
    with pytest.raises(DossierError, match="chưa được công nhận"):
        actions.start_dossier(recognised.product, actor=producer_user, kind=UPGRADE)


def test_an_upgrade_copies_the_recognised_dossier_not_a_later_accepted_one(
    recognised, producer_user, document, bring
):
    upgrade = actions.start_dossier(recognised.product, actor=producer_user, kind=UPGRADE)
    assert upgrade.based_on == recognised
    later = bring(upgrade, State.ACCEPTED)  # accepted for a round, not yet recognised
    again = actions.start_dossier(recognised.product, actor=producer_user, kind=UPGRADE)
    assert again.based_on == recognised and again.based_on != later
    # The new upgrade states its own changes: the last one's statement is not carried.
    assert "changes" in later.versions.last().content
    assert "changes" not in again.versions.get().content
    assert not again.versions.get().links.filter(criterion="changes").exists()


def test_a_five_star_product_cannot_upgrade(
    received,  # noqa: F811 (the fixture imported above)
    central_round,  # noqa: F811
    central_officer,
    producer_user,
):
    rnd, members = central_round
    e = score_central(rnd, members, received.dossier, "best", central_officer)
    decision = recognition_actions.draft_decision(
        rnd, [e], actor=central_officer, kind=DecisionKind.MINISTRY, **MINISTRY
    )
    recognition_actions.record_decision(decision, actor=central_officer)
    product = received.dossier.product
    assert standing_of(product).stars == 5
    with pytest.raises(DossierError, match="5 sao"):
        actions.start_dossier(product, actor=producer_user, kind=UPGRADE)


def test_re_evaluation_only_inside_the_renewal_window(evaluation, recognise, producer_user):
    recognise(evaluation, signed_on=expiring_in(150))
    product = evaluation.dossier.product
    standing = standing_of(product)
    opens_on, closes_on = renewal_window(standing.expires_on)
    today = timezone.localdate()
    assert opens_on <= today <= closes_on
    for day, words in (
        (opens_on - dt.timedelta(days=1), "Chưa đến"),
        (closes_on + dt.timedelta(days=1), "Đã hết"),
    ):
        (problem,) = kinds.start_problems(product, RE_EVALUATION, day)
        assert words in problem and _date(opens_on) in problem and _date(closes_on) in problem
    assert kinds.start_problems(product, RE_EVALUATION, opens_on) == []
    assert kinds.start_problems(product, RE_EVALUATION, closes_on) == []
    dossier = actions.start_dossier(product, actor=producer_user, kind=RE_EVALUATION)
    assert dossier.based_on == evaluation.dossier


@pytest.mark.parametrize(("days", "words"), [(400, "Chưa đến"), (60, "Đã hết")])
def test_re_evaluation_is_refused_before_and_after_the_window(
    evaluation, recognise, producer_user, days, words
):
    recognise(evaluation, signed_on=expiring_in(days))
    product = evaluation.dossier.product
    opens_on, closes_on = renewal_window(standing_of(product).expires_on)
    with pytest.raises(DossierError, match=words) as refused:
        actions.start_dossier(product, actor=producer_user, kind=RE_EVALUATION)
    assert _date(opens_on) in str(refused.value) and _date(closes_on) in str(refused.value)
    assert product.dossiers.count() == 1


def test_a_lapsed_recognition_registers_again_as_a_first(evaluation, recognise, producer_user):
    recognise(evaluation, signed_on=expiring_in(-10))
    product = evaluation.dossier.product
    with pytest.raises(DossierError, match="hết hiệu lực"):
        actions.start_dossier(product, actor=producer_user, kind=UPGRADE)
    assert actions.start_dossier(product, actor=producer_user, kind=FIRST).based_on is None


def test_the_start_page_offers_the_open_kinds_and_says_why_not_the_others(
    recognised, client_for, producer_user
):
    html = client_for(producer_user).get(f"/ho-so/moi/{recognised.product.code}/").content
    html = html.decode()
    opens_on, closes_on = renewal_window(expiry(timezone.localdate()))
    assert 'value="upgrade"' in html
    assert 'value="first"' not in html and 'value="re_evaluation"' not in html
    assert _date(opens_on) in html and _date(closes_on) in html  # why not a re-evaluation
    assert "hãy chọn nâng hạng hoặc đánh giá lại" in html  # why not a first
    refused = client_for(producer_user).post(
        f"/ho-so/moi/{recognised.product.code}/", {"kind": "first"}
    )
    assert refused.status_code == 200 and recognised.product.dossiers.count() == 1
    started = actions.start_dossier(recognised.product, actor=producer_user, kind=UPGRADE)
    html = client_for(producer_user).get(f"/ho-so/moi/{recognised.product.code}/").content
    assert f"đang có hồ sơ {started.code} chưa xử lý xong" in html.decode()
    assert 'name="kind"' not in html.decode()


# --- what an upgrade and a re-evaluation must hold ---------------------------------------


def test_an_upgrade_is_not_submitted_without_its_changes_and_their_evidence(
    recognised, producer_user, document, client_for
):
    upgrade = actions.start_dossier(recognised.product, actor=producer_user, kind=UPGRADE)
    version = upgrade.versions.get()
    problems = " ".join(actions.submission_problems(upgrade, version))
    assert "Những thay đổi so với sản phẩm OCOP đã được công nhận" in problems
    assert "Chưa chọn tài liệu minh chứng" in problems
    with pytest.raises(DossierError, match="Chưa chọn tài liệu minh chứng"):
        actions.transition(upgrade, Step.SUBMIT, actor=producer_user)
    # The section page takes the statement and the evidence, without JavaScript.
    client = client_for(producer_user)
    page = client.get(f"/ho-so/{upgrade.code}/muc/changes/").content.decode()
    assert f'name="e-changes" value="{document.pk}"' in page
    client.post(f"/ho-so/{upgrade.code}/muc/changes/", {"changes": "Đổi bao bì."})
    problems = actions.submission_problems(upgrade, upgrade.versions.get())
    assert any("Chưa chọn tài liệu minh chứng" in p for p in problems)
    assert not any("Những thay đổi" in p and "Chưa điền" in p for p in problems)
    client.post(
        f"/ho-so/{upgrade.code}/muc/changes/", {"changes": "Đổi bao bì.", "e-changes": document.pk}
    )
    assert upgrade.versions.get().links.filter(criterion="changes", document=document).exists()
    assert actions.submission_problems(upgrade, upgrade.versions.get()) == []
    actions.transition(upgrade, Step.SUBMIT, actor=producer_user)
    upgrade.refresh_from_db()
    assert upgrade.state == State.SUBMITTED
    text = text_of(documents.render(upgrade, "mau02"))
    assert "Những thay đổi so với sản phẩm OCOP đã được công nhận" in text
    assert "Đổi bao bì." in text and document.title in text


def test_a_first_dossier_has_neither_section(draft, client_for, producer_user):
    client = client_for(producer_user)
    assert client.get(f"/ho-so/{draft.code}/muc/changes/").status_code == 404
    with pytest.raises(DossierError, match="Không có mục"):
        actions.save_content(draft, actor=producer_user, sections={"updates": {"output": 5}})
    html = client.get(f"/ho-so/{draft.code}/").content.decode()
    assert "Cập nhật sau thời gian được công nhận" not in html


@pytest.fixture
def re_evaluation(evaluation, recognise, producer_user):
    recognise(evaluation, signed_on=expiring_in(150))
    return actions.start_dossier(
        evaluation.dossier.product, actor=producer_user, kind=RE_EVALUATION
    )


def test_a_re_evaluation_is_not_submitted_without_its_updates(re_evaluation, producer_user):
    version = re_evaluation.versions.get()
    problems = " ".join(actions.submission_problems(re_evaluation, version))
    for label in ("Các phiếu kiểm nghiệm định kỳ", "Sản lượng năm gần nhất", "Doanh thu"):
        assert label in problems
    with pytest.raises(DossierError, match="Cập nhật sau thời gian được công nhận"):
        actions.transition(re_evaluation, Step.SUBMIT, actor=producer_user)
    fill(re_evaluation, producer_user)
    assert actions.submission_problems(re_evaluation, re_evaluation.versions.get()) == []
    actions.transition(re_evaluation, Step.SUBMIT, actor=producer_user)
    re_evaluation.refresh_from_db()
    assert re_evaluation.state == State.SUBMITTED
    text = text_of(documents.render(re_evaluation, "mau02"))
    assert "Cập nhật sau thời gian được công nhận" in text and "2.350.000.000" in text


def test_an_expired_paper_blocks_a_re_evaluation(re_evaluation, producer, producer_user):
    fill(re_evaluation, producer_user)
    expired = paper(
        producer,
        producer_user,
        title="Giấy chứng nhận ATTP 2023",
        kind="food_safety",
        expires_on=dt.date(2026, 1, 31),
    )
    (problem,) = actions.submission_problems(re_evaluation, re_evaluation.versions.get())
    assert "Giấy chứng nhận ATTP 2023" in problem and "31/01/2026" in problem
    with pytest.raises(DossierError, match="ATTP 2023"):
        actions.transition(re_evaluation, Step.SUBMIT, actor=producer_user)
    # A valid paper of the same kind stands in for the expired one in the library ...
    paper(producer, producer_user, title="Giấy chứng nhận ATTP 2026", kind="food_safety")
    assert actions.submission_problems(re_evaluation, re_evaluation.versions.get()) == []
    # ... but an expired document linked to the dossier must be replaced there.
    actions.save_content(re_evaluation, actor=producer_user, links={"updates": [expired]})
    (problem,) = actions.submission_problems(re_evaluation, re_evaluation.versions.get())
    assert "ATTP 2023" in problem and "31/01/2026" in problem
    re_evaluation.refresh_from_db()
    assert re_evaluation.state == State.DRAFT


def test_an_expired_paper_does_not_block_a_first_dossier(draft, producer, producer_user):
    fill(draft, producer_user)
    paper(producer, producer_user, title="Phiếu kiểm nghiệm 2023", expires_on=dt.date(2024, 1, 1))
    assert actions.submission_problems(draft, draft.versions.get()) == []
