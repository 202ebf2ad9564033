"""The round a dossier is accepted into (Điều 5.1, 26/2026): it counts from the day of the
commune's proposal letter (Mẫu 03), or, after a province return, from the day the commune
proposed it again; never from the day the province happens to accept it.

There is no clock to move in these tests: the letter dates are set through Mẫu 03, and
where a test needs a proposal on a past day it sets ``proposed_at`` on the dossier row. The
province accepts today, which is always later than the days in the tests."""

import datetime as dt

import pytest
from django.utils import timezone

from ocop.audit.models import AuditEntry
from ocop.dossiers import actions
from ocop.dossiers.actions import DossierError
from ocop.dossiers.enums import State, Step
from ocop.dossiers.models import Dossier
from ocop.legal import rounds
from tests.dossiers.fixtures import assess

D = dt.date


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    """``hour`` o'clock on ``day``, Vietnamese time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def propose(dossier, commune_officer, letter_date: dt.date):
    """From commune_reviewing: Mẫu 03 with the letter of ``letter_date``, then propose."""
    assess(dossier, commune_officer, letter_date=letter_date)
    return actions.transition(dossier, Step.PROPOSE, actor=commune_officer)


def accept(dossier, province_officer, **kwargs):
    dossier.refresh_from_db()
    if dossier.state == State.PROPOSED:
        actions.transition(dossier, Step.RECEIVE, actor=province_officer)
    actions.transition(dossier, Step.ACCEPT, actor=province_officer, **kwargs)
    dossier.refresh_from_db()
    return dossier


def last_entry(dossier, verb):
    return AuditEntry.objects.filter(object_id=str(dossier.pk), verb=verb).order_by("-pk").first()


@pytest.mark.parametrize(
    ("letter_date", "round_"),
    [
        (D(2026, 3, 16), (2026, 1)),  # a letter of March, accepted months later: round 1
        (D(2026, 4, 29), (2026, 1)),  # the last day for round 1, accepted after June
        (D(2026, 4, 30), (2026, 2)),  # "before 30/04": the 30th is already round 2
        (D(2026, 10, 29), (2026, 2)),
        (D(2026, 10, 30), (2027, 1)),
    ],
)
def test_a_first_proposal_counts_from_the_communes_letter(
    draft, bring, commune_officer, province_officer, letter_date, round_
):
    dossier = propose(bring(draft, State.COMMUNE_REVIEWING), commune_officer, letter_date)
    dossier = accept(dossier, province_officer)
    assert (dossier.round_year, dossier.round_number) == round_
    assert last_entry(dossier, "dossier.accept").changes["round"] == f"{round_[1]}/{round_[0]}"


def test_a_letter_of_march_sent_up_in_may_stays_in_round_1(
    draft, bring, commune_officer, province_officer
):
    """The commune signed in March but the dossier reached the province's queue in May."""
    dossier = propose(bring(draft, State.COMMUNE_REVIEWING), commune_officer, D(2026, 3, 16))
    Dossier.objects.filter(pk=dossier.pk).update(proposed_at=at(D(2026, 5, 4)))
    dossier = accept(dossier, province_officer)
    assert (dossier.round_year, dossier.round_number) == (2026, 1)


def test_sending_again_after_a_province_return_restarts_the_proposal_day(
    draft, bring, producer_user, commune_officer, province_officer
):
    """Proposed in March (round 1 of 2026), returned by the province, completed by the
    producer and proposed again by the commune today: the dossier goes to the round still
    open today, not to round 1 whose proposals closed."""
    dossier = propose(bring(draft, State.COMMUNE_REVIEWING), commune_officer, D(2026, 3, 16))
    Dossier.objects.filter(pk=dossier.pk).update(proposed_at=at(D(2026, 3, 17)))
    actions.transition(dossier, Step.RECEIVE, actor=province_officer)
    actions.transition(dossier, Step.RETURN, actor=province_officer, reason="Bổ sung kiểm nghiệm")

    # The producer's completed dossier goes back to the commune: not yet a proposal.
    actions.transition(dossier, Step.SUBMIT, actor=producer_user)
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    assert dossier.proposed_at == at(D(2026, 3, 17)) and not dossier.resent_to_province
    changes = last_entry(dossier, "dossier.submit").changes
    assert changes["state"] == [State.RETURNED_BY_PROVINCE, State.SUBMITTED]
    assert "proposed_at" not in changes

    # The commune proposes it again (its letter of March unchanged): that is the re-send.
    actions.transition(dossier, Step.RECEIVE, actor=commune_officer)
    before = timezone.now()
    actions.transition(dossier, Step.PROPOSE, actor=commune_officer)
    dossier.refresh_from_db()
    assert dossier.state == State.PROPOSED and dossier.resent_to_province
    assert before <= dossier.proposed_at <= timezone.now()
    changes = last_entry(dossier, "dossier.propose").changes
    assert changes["proposed_at"] == dossier.proposed_at.isoformat()
    assert changes["resent_to_province"] is True

    dossier = accept(dossier, province_officer)
    today = rounds.round_for(timezone.localdate(dossier.proposed_at))
    assert (dossier.round_year, dossier.round_number) == (today.year, today.number)
    assert (dossier.round_year, dossier.round_number) != (2026, 1)


def test_a_first_proposal_is_not_a_re_send(draft, bring, commune_officer):
    dossier = propose(bring(draft, State.COMMUNE_REVIEWING), commune_officer, D(2026, 3, 16))
    dossier.refresh_from_db()
    assert not dossier.resent_to_province
    assert "resent_to_province" not in last_entry(dossier, "dossier.propose").changes


def test_a_dossier_sent_again_in_july_goes_to_round_2(
    draft, bring, producer_user, commune_officer, province_officer
):
    dossier = propose(bring(draft, State.COMMUNE_REVIEWING), commune_officer, D(2026, 3, 16))
    actions.transition(dossier, Step.RETURN, actor=province_officer, reason="Bổ sung nhãn")
    actions.transition(dossier, Step.SUBMIT, actor=producer_user)
    actions.transition(dossier, Step.RECEIVE, actor=commune_officer)
    actions.transition(dossier, Step.PROPOSE, actor=commune_officer)
    # The commune sent it again on 15/07/2026 (the day its re-proposal stamps).
    Dossier.objects.filter(pk=dossier.pk).update(proposed_at=at(D(2026, 7, 15)))
    dossier = accept(dossier, province_officer)
    assert (dossier.round_year, dossier.round_number) == (2026, 2)


def test_a_new_letter_for_the_re_send_counts_when_it_is_later(
    draft, bring, producer_user, commune_officer, province_officer
):
    """The commune amends Mẫu 03 and writes a new letter before sending the dossier again:
    the round counts from the later of the letter and the re-send."""
    dossier = propose(bring(draft, State.COMMUNE_REVIEWING), commune_officer, D(2026, 3, 16))
    actions.transition(dossier, Step.RETURN, actor=province_officer, reason="Bổ sung nhãn")
    actions.transition(dossier, Step.SUBMIT, actor=producer_user)
    actions.transition(dossier, Step.RECEIVE, actor=commune_officer)
    propose(dossier, commune_officer, D(2026, 10, 30))
    Dossier.objects.filter(pk=dossier.pk).update(proposed_at=at(D(2026, 7, 15)))
    dossier.refresh_from_db()
    assert actions.proposal_day(dossier) == D(2026, 10, 30)
    dossier = accept(dossier, province_officer)
    assert (dossier.round_year, dossier.round_number) == (2027, 1)


def test_a_resubmission_to_the_commune_is_not_a_proposal(draft, bring, producer_user):
    """A producer's resubmission to the commune (returned_by_commune → submitted) is not a
    proposal: it leaves ``proposed_at`` alone."""
    dossier = bring(draft, State.RETURNED_BY_COMMUNE)
    actions.transition(dossier, Step.SUBMIT, actor=producer_user)
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED and dossier.proposed_at is None
    assert "proposed_at" not in last_entry(dossier, "dossier.submit").changes


def test_the_province_may_still_choose_the_round(draft, bring, commune_officer, province_officer):
    """An extra round (Điều 5.1: when the council's regulation and plan provide one)."""
    dossier = propose(bring(draft, State.COMMUNE_REVIEWING), commune_officer, D(2026, 3, 16))
    actions.transition(dossier, Step.RECEIVE, actor=province_officer)
    with pytest.raises(DossierError, match="Đợt đánh giá không hợp lệ"):
        actions.transition(dossier, Step.ACCEPT, actor=province_officer, round_=(2026, 0))
    dossier = accept(dossier, province_officer, round_=(2026, 3))
    assert (dossier.round_year, dossier.round_number) == (2026, 3)
    assert last_entry(dossier, "dossier.accept").changes["round"] == "3/2026"


def test_proposal_round_is_what_accepting_would_give(draft, bring, commune_officer):
    dossier = propose(bring(draft, State.COMMUNE_REVIEWING), commune_officer, D(2026, 4, 29))
    assert actions.proposal_day(dossier) == D(2026, 4, 29)
    assert actions.proposal_round(dossier) == rounds.standard_round(rounds.PROVINCE, 2026, 1)
