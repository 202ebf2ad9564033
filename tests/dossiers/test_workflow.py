"""The dossier lifecycle: every transition allowed and refused, by state, role and scope."""

import re

import pytest
from django.db import transaction

from ocop.audit.models import AuditEntry
from ocop.dossiers import actions, rules, walk
from ocop.dossiers.actions import DossierError
from ocop.dossiers.enums import HOLDER, TRANSITIONS, Side, State, Step
from ocop.dossiers.models import Dossier
from ocop.notify.models import Notification
from tests.dossiers.fixtures import assess, fill

PERSONAS = [
    "producer_user",
    "other_producer_user",
    "commune_officer",
    "other_commune_officer",
    "province_officer",
    "other_province_officer",
    "council_member",
    "central_officer",
]
# Who acts for each holder. Officers who manage a producer may act on its behalf (many
# producers are not IT people), so the producer's side includes its commune and province.
MAY_ACT = {
    Side.PRODUCER: {"producer_user", "commune_officer", "province_officer", "central_officer"},
    Side.COMMUNE: {"commune_officer"},
    Side.PROVINCE: {"province_officer"},
}


def test_full_path_from_draft_to_accepted(
    draft,
    bring,
    producer_user,
    commune_officer,
    province_officer,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = bring(draft, State.ACCEPTED)
    assert re.fullmatch(r"01-21/PĐK-01-00583-\d{4}", dossier.commune_receipt_number)
    assert re.fullmatch(r"01-21/PĐK-01-00583-\d{4}", dossier.province_receipt_number)
    dossier.product.refresh_from_db()
    assert re.fullmatch(r"01-00583-001-\d{4}", dossier.product.ocop_code)
    assert dossier.round_year and dossier.round_number in (1, 2)
    verbs = list(
        AuditEntry.objects.filter(object_id=str(dossier.pk), verb__startswith="dossier.")
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    paperwork = ("dossier.edited", "dossier.assessed", "dossier.letter_attached")
    steps = [v for v in verbs if v not in paperwork]
    assert steps == [
        "dossier.created",
        "dossier.submit",
        "dossier.receive",
        "dossier.propose",
        "dossier.receive",
        "dossier.accept",
    ]
    # Each step told the producer; the commune heard of the submission, the province of the
    # proposal; nobody was told of their own step.
    assert Notification.objects.filter(recipient=producer_user).count() == 4
    assert Notification.objects.filter(recipient=commune_officer, verb="dossier.submit").exists()
    assert Notification.objects.filter(recipient=province_officer, verb="dossier.propose").exists()
    assert not Notification.objects.filter(recipient=producer_user, verb="dossier.submit").exists()


def test_every_refused_state_and_step_changes_nothing(draft, producer_user):
    for state in State:
        for step in Step:
            if (state, step) in TRANSITIONS:
                continue
            Dossier.objects.filter(pk=draft.pk).update(state=state)
            before = AuditEntry.objects.count()
            with pytest.raises(DossierError, match="Không thể"):
                actions.transition(draft, step, actor=producer_user, reason="x")
            draft.refresh_from_db()
            assert draft.state == state and AuditEntry.objects.count() == before


class Rollback(Exception):
    pass


@pytest.mark.parametrize(("source", "step"), list(TRANSITIONS))
def test_who_may_take_each_step(request, draft, bring, source, step):
    """For one (state, step) of the table, every persona: allowed ones move the dossier to
    the target state; the others are refused and change nothing (each try is rolled back)."""
    dossier = bring(draft, source)
    if step == Step.PROPOSE:
        assess(dossier, request.getfixturevalue("commune_officer"))
    if source == State.DRAFT and step == Step.SUBMIT:
        fill(dossier, request.getfixturevalue("producer_user"))
    wrong = {}
    for persona in PERSONAS:
        user = request.getfixturevalue(persona)
        allowed = persona in MAY_ACT[HOLDER[source]]
        try:
            with transaction.atomic():
                wrong[persona] = _try_step(dossier, step, user, allowed, source)
                raise Rollback
        except Rollback:
            pass
        dossier.refresh_from_db()
    wrong = {p: w for p, w in wrong.items() if w}
    assert not wrong, f"{source} --{step}--> : {wrong}"


def _try_step(dossier, step, user, allowed, source) -> str:
    """What went wrong for this persona ("" when it behaved as the table says)."""
    if rules.can_take(user, dossier, step) is not allowed:
        return f"can_take is {not allowed}"
    before = AuditEntry.objects.count()
    try:
        actions.transition(dossier, step, actor=user, reason="Bổ sung")
    except DossierError as exc:
        dossier.refresh_from_db()
        if allowed:
            return f"refused: {exc}"
        if dossier.state != source or AuditEntry.objects.count() != before:
            return "refused but changed the dossier"
        return ""
    dossier.refresh_from_db()
    if not allowed:
        return "was allowed"
    return "" if dossier.state == TRANSITIONS[(source, step)] else f"went to {dossier.state}"


def test_submitting_twice_is_refused(draft, producer_user):
    fill(draft, producer_user)
    actions.transition(draft, Step.SUBMIT, actor=producer_user)
    versions, entries = draft.versions.count(), AuditEntry.objects.count()
    with pytest.raises(DossierError, match="Không thể"):
        actions.transition(draft, Step.SUBMIT, actor=producer_user)
    assert draft.versions.count() == versions and AuditEntry.objects.count() == entries


def test_incomplete_dossier_cannot_be_submitted(draft, producer_user):
    with pytest.raises(DossierError) as refused:
        actions.transition(draft, Step.SUBMIT, actor=producer_user)
    assert "Lịch sử hình thành" in str(refused.value) and "chưa tự chấm" in str(refused.value)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT and not draft.versions.get().frozen


def test_return_needs_a_reason(draft, bring, commune_officer):
    dossier = bring(draft, State.COMMUNE_REVIEWING)
    with pytest.raises(DossierError, match="bổ sung"):
        actions.transition(dossier, Step.RETURN, actor=commune_officer, reason="  ")
    dossier.refresh_from_db()
    assert dossier.state == State.COMMUNE_REVIEWING


def test_proposal_needs_mau03_letter_and_five_samples(draft, bring, commune_officer):
    dossier = bring(draft, State.COMMUNE_REVIEWING)
    with pytest.raises(DossierError, match="Mẫu 03"):
        actions.transition(dossier, Step.PROPOSE, actor=commune_officer)
    assess(dossier, commune_officer, samples_received=4)
    with pytest.raises(DossierError, match="5 sản phẩm mẫu"):
        actions.transition(dossier, Step.PROPOSE, actor=commune_officer)
    assert Dossier.objects.get(pk=dossier.pk).product.ocop_code is None
    assess(dossier, commune_officer, samples_received=5)
    actions.transition(dossier, Step.PROPOSE, actor=commune_officer)


def test_community_tourism_needs_no_samples(producer, producer_user, commune_officer, criteria):
    from ocop.legal.models import ProductSet
    from ocop.products import actions as product_actions

    tour = product_actions.create_product(
        producer,
        actor=producer_user,
        product_set=ProductSet.objects.get(number=26),
        name="Du lịch làng gốm",
    )
    dossier = actions.start_dossier(tour, actor=producer_user, kind="first")
    fill(dossier, producer_user)
    actions.transition(dossier, Step.SUBMIT, actor=producer_user)
    actions.transition(dossier, Step.RECEIVE, actor=commune_officer)
    assess(dossier, commune_officer, samples_received=0)
    actions.transition(dossier, Step.PROPOSE, actor=commune_officer)
    assert Dossier.objects.get(pk=dossier.pk).state == State.PROPOSED


def test_product_codes_count_per_commune(draft, bring, producer, producer_user, criteria):
    from ocop.legal.models import ProductSet
    from ocop.products import actions as product_actions

    bring(draft, State.PROPOSED)
    second = product_actions.create_product(
        producer,
        actor=producer_user,
        product_set=ProductSet.objects.get(number=21),
        name="Chén men rạn",
    )
    bring(actions.start_dossier(second, actor=producer_user, kind="first"), State.PROPOSED)
    second.refresh_from_db()
    assert second.ocop_code.startswith("01-00583-002-")


def test_round_follows_the_legal_cut_off_dates():
    import datetime as dt

    assert actions.round_for(dt.date(2026, 4, 29)) == (2026, 1)
    assert actions.round_for(dt.date(2026, 4, 30)) == (2026, 2)
    assert actions.round_for(dt.date(2026, 10, 29)) == (2026, 2)
    assert actions.round_for(dt.date(2026, 10, 30)) == (2027, 1)


def test_withdrawn_and_accepted_dossiers_are_final(draft, bring):
    for state in (State.ACCEPTED, State.WITHDRAWN):
        assert all(source != state for source, _step in TRANSITIONS)
    assert HOLDER[State.ACCEPTED] is None and HOLDER[State.WITHDRAWN] is None


def test_only_the_commune_sends_a_dossier_to_the_province():
    """Điều 7.3.a: after a province return the producer's completed dossier goes back to the
    commune (which may amend Mẫu 03 and its letter); only the commune proposes."""
    to_province = {
        (source, step)
        for (source, step), target in TRANSITIONS.items()
        if HOLDER[target] == Side.PROVINCE and HOLDER[source] != Side.PROVINCE
    }
    assert to_province == {(State.COMMUNE_REVIEWING, Step.PROPOSE)}
    assert TRANSITIONS[(State.RETURNED_BY_PROVINCE, Step.SUBMIT)] == State.SUBMITTED


def test_after_a_province_return_the_commune_amends_mau03_and_proposes_again(
    draft,
    bring,
    producer_user,
    commune_officer,
    province_officer,
    django_capture_on_commit_callbacks,
):
    from ocop.dossiers import documents
    from tests.pdf import text_of

    dossier = bring(draft, State.RETURNED_BY_PROVINCE)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        actions.transition(dossier, Step.SUBMIT, actor=producer_user)
    dossier.refresh_from_db()
    assert HOLDER[State(dossier.state)] == Side.COMMUNE
    assert Notification.objects.filter(recipient=commune_officer, verb="dossier.submit").exists()
    assert not Notification.objects.filter(recipient=province_officer).exists()

    actions.transition(dossier, Step.RECEIVE, actor=commune_officer, paper_set=True)
    assert rules.can_assess(commune_officer, dossier)
    # Mẫu 03 amended, and a new letter: the one attached before no longer matches.
    assess(
        dossier,
        commune_officer,
        identity="Men lam vẽ tay, bổ sung theo hướng dẫn của tỉnh.",
        letter_number="140/UBND-KT",
    )
    assert dossier.letters.count() == 2
    assert actions.current_letter(dossier).number == "140/UBND-KT"
    with django_capture_on_commit_callbacks(execute=True):
        actions.transition(dossier, Step.PROPOSE, actor=commune_officer)
    dossier.refresh_from_db()
    assert dossier.state == State.PROPOSED and dossier.resent_to_province
    assert Notification.objects.filter(recipient=province_officer, verb="dossier.propose").exists()
    assert "bổ sung theo hướng dẫn của tỉnh" in text_of(documents.render(dossier, "mau03"))


def test_the_commune_sees_why_the_province_returned_it(
    draft, bring, producer_user, client_for, commune_officer
):
    from ocop.dossiers.walk import RETURN_REASON

    dossier = bring(draft, State.RETURNED_BY_PROVINCE)
    actions.transition(dossier, Step.SUBMIT, actor=producer_user)
    html = client_for(commune_officer).get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Tỉnh đã trả lại hồ sơ" in html and RETURN_REASON in html


@pytest.mark.parametrize("state", list(walk.RESENT))
def test_the_walk_reaches_the_commune_again_after_a_province_return(
    draft, producer_user, commune_officer, province_officer, state
):
    people = walk.People(producer=producer_user, commune=commune_officer, province=province_officer)
    dossier = walk.walk_to(draft, state, people, resent=True)
    assert dossier.state == state and dossier.province_receipt_number
    assert dossier.resent_to_province is (state == State.PROPOSED)
    assert dossier.versions.count() == 2
