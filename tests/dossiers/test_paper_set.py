"""The paper set (Điều 7.1, 7.2.b, 26/2026: one paper and one electronic set) is recorded when
the commune receives the dossier: a tick on the receive step, audited, shown on the dossier
page and printed on the forms that say what the commune received and sends."""

import pytest

from ocop.audit.models import AuditEntry
from ocop.dossiers import actions, documents
from ocop.dossiers.enums import State, Step
from tests.dossiers.fixtures import assess, fill
from tests.pdf import flat, text_of

BOTH = "01 bộ hồ sơ giấy và 01 bộ hồ sơ điện tử"


def _receipt(dossier):
    return (
        AuditEntry.objects.filter(object_id=str(dossier.pk), verb="dossier.receive")
        .order_by("-pk")
        .first()
    )


@pytest.fixture
def submitted(draft, producer_user):
    fill(draft, producer_user)
    return actions.transition(draft, Step.SUBMIT, actor=producer_user)


@pytest.mark.parametrize("paper_set", [True, False])
def test_the_commune_records_the_paper_set_when_it_receives(submitted, commune_officer, paper_set):
    assert submitted.paper_set_received is False
    actions.transition(submitted, Step.RECEIVE, actor=commune_officer, paper_set=paper_set)
    submitted.refresh_from_db()
    assert submitted.paper_set_received is paper_set
    assert _receipt(submitted).changes["paper_set_received"] is paper_set


def test_the_province_receipt_leaves_the_paper_set_alone(draft, bring, province_officer):
    dossier = bring(draft, State.PROPOSED)
    assert dossier.paper_set_received  # the walk's commune received both sets
    actions.transition(dossier, Step.RECEIVE, actor=province_officer, paper_set=False)
    dossier.refresh_from_db()
    assert dossier.paper_set_received
    assert "paper_set_received" not in _receipt(dossier).changes


def test_the_receive_step_has_the_tick_and_the_dossier_page_shows_it(
    submitted, client_for, commune_officer, producer_user
):
    client = client_for(commune_officer)
    html = client.get(f"/ho-so/{submitted.code}/").content.decode()
    assert 'name="paper_set"' in html and "Đã nhận 01 bộ hồ sơ giấy" in html
    client.post(f"/ho-so/{submitted.code}/buoc/receive/", {"paper_set": "on"})
    submitted.refresh_from_db()
    assert submitted.state == State.COMMUNE_REVIEWING and submitted.paper_set_received
    html = client_for(producer_user).get(f"/ho-so/{submitted.code}/").content.decode()
    assert "Bộ hồ sơ giấy" in html and "Đã nhận" in html
    assert 'name="paper_set"' not in html  # the tick belongs to the commune's receipt only
    history = client.get(f"/ho-so/{submitted.code}/lich-su/").content.decode()
    assert "Đã nhận bộ hồ sơ giấy</strong>: Có" in history


def test_without_the_tick_the_page_says_no_paper_set_came(submitted, client_for, commune_officer):
    client = client_for(commune_officer)
    client.post(f"/ho-so/{submitted.code}/buoc/receive/", {})
    submitted.refresh_from_db()
    assert submitted.state == State.COMMUNE_REVIEWING and not submitted.paper_set_received
    assert "Chưa nhận bộ hồ sơ giấy" in client.get(f"/ho-so/{submitted.code}/").content.decode()


@pytest.mark.parametrize(
    ("paper_set", "received"),
    [(True, BOTH), (False, "01 bộ hồ sơ điện tử (chưa nhận bộ hồ sơ giấy)")],
)
def test_mau01_and_the_letter_print_what_the_commune_received(
    submitted, commune_officer, paper_set, received
):
    actions.transition(submitted, Step.RECEIVE, actor=commune_officer, paper_set=paper_set)
    submitted.refresh_from_db()
    text = text_of(documents.render(submitted, "mau01"))
    assert flat(f"Hồ sơ đã nhận: {received}") in flat(text)
    assess(submitted, commune_officer)
    letter = text_of(actions.current_letter(submitted).file.read())
    sent = BOTH if paper_set else "01 bộ hồ sơ điện tử"
    assert flat(sent) in flat(letter)
    if not paper_set:
        assert "hồ sơ giấy" not in letter


def test_mau01_before_the_commune_receipt_prints_no_such_line(submitted):
    assert "Hồ sơ đã nhận" not in text_of(documents.render(submitted, "mau01"))
