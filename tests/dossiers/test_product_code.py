"""The product code's year is the year of the evaluation the dossier was proposed for, not the
year of the first proposal (Phụ lục II header "Năm đánh giá"); the commune's running number
(STT) stays."""

import datetime as dt

from ocop.audit.models import AuditEntry
from ocop.dossiers import actions
from ocop.dossiers.enums import DossierKind, State, Step
from ocop.evaluation.walk import open_round
from tests.dossiers.fixtures import assess

D = dt.date


def _propose(dossier, commune_officer, letter_date):
    assess(dossier, commune_officer, letter_date=letter_date)
    actions.transition(dossier, Step.PROPOSE, actor=commune_officer)
    dossier.product.refresh_from_db()
    return dossier.product.ocop_code


def test_a_letter_of_november_gives_the_code_of_next_years_round(draft, bring, commune_officer):
    """Proposed on 30/10/2026 or later: round 1 of 2027 (Điều 5.1), so the code says 2027."""
    dossier = bring(draft, State.COMMUNE_REVIEWING)
    assert _propose(dossier, commune_officer, D(2026, 11, 2)) == "01-00583-001-2027"


def test_accepted_for_a_round_of_another_year_the_code_follows_it(
    draft, bring, commune_officer, province_officer
):
    dossier = bring(draft, State.COMMUNE_REVIEWING)
    assert _propose(dossier, commune_officer, D(2026, 3, 16)) == "01-00583-001-2026"
    actions.transition(dossier, Step.RECEIVE, actor=province_officer)
    actions.transition(dossier, Step.ACCEPT, actor=province_officer, round_=(2027, 1))
    dossier.product.refresh_from_db()
    assert dossier.product.ocop_code == "01-00583-001-2027"
    accept = AuditEntry.objects.get(object_id=str(dossier.pk), verb="dossier.accept")
    assert accept.changes["product_code"] == ["01-00583-001-2026", "01-00583-001-2027"]


def test_accepted_for_a_round_of_the_codes_year_nothing_changes(
    draft, bring, commune_officer, province_officer
):
    dossier = bring(draft, State.COMMUNE_REVIEWING)
    _propose(dossier, commune_officer, D(2026, 3, 16))
    actions.transition(dossier, Step.RECEIVE, actor=province_officer)
    actions.transition(dossier, Step.ACCEPT, actor=province_officer, round_=(2026, 3))
    dossier.product.refresh_from_db()
    assert dossier.product.ocop_code == "01-00583-001-2026"
    accept = AuditEntry.objects.get(object_id=str(dossier.pk), verb="dossier.accept")
    assert "product_code" not in accept.changes


def test_an_upgrade_evaluated_years_later_keeps_the_number_with_the_new_year(
    draft, bring, producer_user, commune_officer, province_officer, council, recognise, document
):
    first = bring(draft, State.COMMUNE_REVIEWING)
    _propose(first, commune_officer, D(2026, 3, 16))
    actions.transition(first, Step.RECEIVE, actor=province_officer)
    actions.transition(first, Step.ACCEPT, actor=province_officer)
    first.refresh_from_db()
    recognise(open_round(council, province_officer, [first])[1][0])
    upgrade = actions.start_dossier(first.product, actor=producer_user, kind=DossierKind.UPGRADE)
    upgrade = bring(upgrade, State.PROVINCE_CHECKING)
    actions.transition(upgrade, Step.ACCEPT, actor=province_officer, round_=(2029, 1))
    upgrade.product.refresh_from_db()
    assert upgrade.product.ocop_code == "01-00583-001-2029"
