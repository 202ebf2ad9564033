"""A re-evaluation at the end of a certificate's 36 months (Điều 7.6, 26/2026): the council
evaluates by written opinion and meets only when its chair decides, on one of two grounds
(7.6.d); 45 days from the complete dossier (7.6.g); a field visit only on one of two
grounds (7.6.c)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ocop.audit.models import AuditEntry
from ocop.dossiers.enums import DossierKind
from ocop.dossiers.models import Dossier
from ocop.evaluation import actions, advisory, queries
from ocop.evaluation.actions import EvaluationError
from ocop.evaluation.enums import (
    EvaluationMode,
    EvaluationState,
    MeetingGround,
    VisitGround,
)
from ocop.evaluation.models import Evaluation, FieldVisit
from ocop.evaluation.walk import member_answers, open_round, score
from ocop.notify.models import Notification
from tests.pdf import flat, text_of

DAY = dt.timedelta(days=1)


@pytest.fixture
def reevaluation(council, province_officer, accepted):
    """A re-evaluation in the round. ``start_dossier`` is not the way in: for kind
    re_evaluation it asks for a recognised product inside its renewal window (Điều 7.6.a).
    The first dossier, accepted along the real path, stands for a dossier filed in its
    window: only its kind is changed before the office adds it to the round."""
    Dossier.objects.filter(pk=accepted.pk).update(kind=DossierKind.RE_EVALUATION)
    accepted.refresh_from_db()
    _rnd, (evaluation,) = open_round(council, province_officer, [accepted])
    return evaluation


def written_opinions_apart(evaluation, scorers):
    """The chair and three members send their sheets; one gives far fewer points."""
    tree = evaluation.dossier.criteria_set.sheet()
    score(evaluation, scorers[0])
    score(evaluation, scorers[1], member_answers(tree, lower=40))
    score(evaluation, scorers[2])
    score(evaluation, scorers[3])


def start_clock(evaluation, day):
    Evaluation.objects.filter(pk=evaluation.pk).update(clock_starts_on=day)
    evaluation.refresh_from_db()


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return text_of(response.content)


def page(client, name, *args):
    response = client.get(reverse(f"evaluation:{name}", args=args))
    assert response.status_code == 200
    return response.content.decode()


# --- the way: written opinion for a re-evaluation, a meeting otherwise ----------------------


def test_a_reevaluation_is_by_written_opinion_on_its_clock(reevaluation, accepted):
    assert reevaluation.mode == EvaluationMode.WRITTEN and reevaluation.written
    # The clock starts the day the province accepted the commune's complete dossier.
    assert reevaluation.clock_starts_on == timezone.localdate(accepted.accepted_at)
    added = AuditEntry.objects.get(verb="evaluation.added", object_id=str(reevaluation.pk))
    assert added.changes["mode"] == "written"
    assert added.changes["clock_starts_on"] == reevaluation.clock_starts_on.isoformat()


def test_a_first_evaluation_is_scored_at_a_meeting_without_a_clock(evaluation):
    assert evaluation.mode == EvaluationMode.MEETING and not evaluation.written
    assert evaluation.clock_starts_on is None and evaluation.clock is None


def test_differing_written_opinions_tell_the_chair_but_do_not_force_a_meeting(
    reevaluation, scorers, chair
):
    written_opinions_apart(reevaluation, scorers)
    reevaluation.refresh_from_db()
    assert actions.standing(reevaluation)["spread"] > reevaluation.round.council.spread_threshold
    assert reevaluation.state == EvaluationState.SCORING  # no "cần thảo luận" by itself
    told = Notification.objects.filter(recipient=chair, verb="evaluation.opinions_differ")
    assert told.count() == 1  # once, when the opinions first moved apart


def test_the_chair_closes_a_written_reevaluation_without_a_meeting(reevaluation, scorers, chair):
    written_opinions_apart(reevaluation, scorers)
    closed = actions.close(reevaluation, actor=chair)
    assert closed.state == EvaluationState.CLOSED and closed.result["mode"] == "written"
    assert not closed.discussions.exists() and not closed.meeting_called
    entry = AuditEntry.objects.get(verb="evaluation.close", object_id=str(closed.pk))
    assert entry.changes["mode"] == "written" and "spread" in entry.changes  # closed apart


def test_a_first_evaluation_still_discusses_a_wide_spread(evaluation, scorers, chair):
    written_opinions_apart(evaluation, scorers)
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.DISCUSSION
    with pytest.raises(EvaluationError, match="thảo luận"):
        actions.close(evaluation, actor=chair)
    with pytest.raises(EvaluationError, match="cuộc họp"):
        actions.call_meeting(evaluation, actor=chair, ground=MeetingGround.COMPLEX)


# --- the chair's decision to meet ---------------------------------------------------------


def test_only_the_chair_calls_a_meeting(reevaluation, scorers, province_officer):
    for someone in (scorers[1], province_officer):
        with pytest.raises(EvaluationError, match="Chủ tịch"):
            actions.call_meeting(reevaluation, actor=someone, ground=MeetingGround.COMPLEX)
    reevaluation.refresh_from_db()
    assert reevaluation.written and reevaluation.meeting_called_at is None


def test_a_meeting_without_a_ground_is_refused_and_changes_nothing(reevaluation, chair):
    for ground in ("", "because", None):
        with pytest.raises(EvaluationError, match="Điều 7.6.d"):
            actions.call_meeting(reevaluation, actor=chair, ground=ground, note="Họp")
    reevaluation.refresh_from_db()
    assert reevaluation.written and not reevaluation.meeting_called
    assert (reevaluation.meeting_ground, reevaluation.meeting_note) == ("", "")
    assert not AuditEntry.objects.filter(verb="evaluation.meeting").exists()


def test_the_meeting_decision_is_recorded_audited_and_the_meeting_discusses(
    reevaluation, scorers, chair
):
    written_opinions_apart(reevaluation, scorers)
    note = "Thống nhất cách chấm tiêu chí 1.5 với sản lượng mới"
    actions.call_meeting(reevaluation, actor=chair, ground=MeetingGround.DIFFERING, note=note)
    reevaluation.refresh_from_db()
    assert reevaluation.mode == EvaluationMode.MEETING and reevaluation.meeting_called
    assert reevaluation.meeting_called_by == chair
    assert (reevaluation.meeting_ground, reevaluation.meeting_note) == ("differing", note)
    entry = AuditEntry.objects.get(verb="evaluation.meeting", object_id=str(reevaluation.pk))
    assert entry.actor == chair
    assert entry.changes["mode"] == ["written", "meeting"]
    assert (entry.changes["meeting_ground"], entry.changes["meeting_note"]) == ("differing", note)
    # The scores lie apart: the meeting discusses them, as at any meeting of the council.
    assert reevaluation.state == EvaluationState.DISCUSSION
    assert Notification.objects.filter(recipient=scorers[1], verb="evaluation.meeting").exists()
    with pytest.raises(EvaluationError):  # decided once
        actions.call_meeting(reevaluation, actor=chair, ground=MeetingGround.COMPLEX)


def test_a_meeting_on_complex_content_closes_after_it(reevaluation, scorers, chair):
    for member in scorers[:4]:
        score(reevaluation, member)
    actions.call_meeting(reevaluation, actor=chair, ground=MeetingGround.COMPLEX)
    reevaluation.refresh_from_db()
    assert reevaluation.state == EvaluationState.SCORING  # nothing apart to re-score
    closed = actions.close(reevaluation, actor=chair)
    assert closed.state == EvaluationState.CLOSED and closed.result["mode"] == "meeting"


def test_the_product_page_shows_the_way_and_the_chairs_decision(
    client_for, reevaluation, scorers, chair
):
    written_opinions_apart(reevaluation, scorers)
    client = client_for(chair)
    html = page(client, "product", reevaluation.code)
    assert str(EvaluationMode.WRITTEN.label) in html and 'id="opinions-differ"' in html
    assert reverse("evaluation:call_meeting", args=[reevaluation.code]) in html
    url = reverse("evaluation:call_meeting", args=[reevaluation.code])
    response = client.post(url, {"note": "Họp"}, follow=True)
    assert "Điều 7.6.d" in response.content.decode()
    reevaluation.refresh_from_db()
    assert reevaluation.written
    client.post(url, {"ground": "complex", "note": "Quy mô sản xuất tăng gấp ba"})
    html = page(client, "product", reevaluation.code)
    assert 'id="meeting"' in html and str(MeetingGround.COMPLEX.label) in html
    assert "Quy mô sản xuất tăng gấp ba" in html and chair.full_name in html


def test_the_minutes_and_the_table_state_the_way(
    client_for, reevaluation, scorers, chair, province_officer
):
    written_opinions_apart(reevaluation, scorers)
    actions.close(reevaluation, actor=chair)
    client = client_for(province_officer)
    minutes = flat(
        pdf_text(client.get(reverse("evaluation:minutes_pdf", args=[reevaluation.round.code])))
    )
    assert flat("thông qua hình thức lấy ý kiến bằng văn bản (Điều 7.6.d") in minutes
    assert flat("Hình thức đánh giá: Lấy ý kiến bằng văn bản (Điều 7.6.d)") in minutes
    assert flat("không quá 45 ngày (Điều 7.6.g)") in minutes and flat("trong thời hạn") in minutes
    table = flat(
        pdf_text(client.get(reverse("evaluation:results_pdf", args=[reevaluation.round.code])))
    )
    assert flat("Đánh giá lại, lấy ý kiến bằng văn bản") in table


def test_the_minutes_print_the_chairs_decision_to_meet(
    client_for, reevaluation, chair, province_officer
):
    actions.call_meeting(reevaluation, actor=chair, ground=MeetingGround.COMPLEX, note="Bao bì")
    url = reverse("evaluation:minutes_pdf", args=[reevaluation.round.code])
    minutes = flat(pdf_text(client_for(province_officer).get(url)))
    assert flat("Họp trực tiếp theo quyết định của Chủ tịch Hội đồng ngày") in minutes
    assert flat("có nội dung phức tạp cần thảo luận. Bao bì") in minutes


# --- the 45 days --------------------------------------------------------------------------


def test_the_deadline_is_45_days_after_the_complete_dossier(reevaluation, province_officer):
    start_clock(reevaluation, dt.date(2026, 7, 1))
    last = reevaluation.clock_on(dt.date(2026, 8, 15))
    assert last["deadline"] == dt.date(2026, 8, 15) == dt.date(2026, 7, 1) + 45 * DAY
    assert last["days_left"] == 0 and not last["overdue"]
    late = reevaluation.clock_on(dt.date(2026, 8, 16))  # day 46
    assert late["overdue"] and late["days_over"] == 1
    on_clock = queries.reevaluations_on_clock(province_officer)
    assert list(queries.overdue_reevaluations(on_clock, dt.date(2026, 8, 15))) == []
    assert list(queries.overdue_reevaluations(on_clock, dt.date(2026, 8, 16))) == [reevaluation]


def test_a_caller_may_start_the_clock_otherwise(reevaluation):
    # The ministry's receipt of a province's 5★ package (Điều 7.6.e): a plain update.
    reevaluation.clock_starts_on = dt.date(2026, 9, 2)
    reevaluation.save(update_fields=["clock_starts_on"])
    reevaluation.refresh_from_db()
    assert reevaluation.clock_on(dt.date(2026, 9, 2))["deadline"] == dt.date(2026, 10, 17)


def test_the_pages_show_the_days_left(client_for, reevaluation, province_officer):
    start_clock(reevaluation, timezone.localdate() - 10 * DAY)
    deadline = (reevaluation.clock_starts_on + 45 * DAY).strftime("%d/%m/%Y")
    client = client_for(province_officer)
    for name, code in (("round", reevaluation.round.code), ("product", reevaluation.code)):
        html = page(client, name, code)
        assert "còn 35 ngày" in html and deadline in html and "flag overdue" not in html
    home = page(client, "home")
    assert 'id="reevaluations"' in home and "còn 35 ngày" in home
    assert "sản phẩm quá hạn" not in home


def test_the_pages_flag_an_overdue_reevaluation(client_for, reevaluation, province_officer):
    start_clock(reevaluation, timezone.localdate() - 50 * DAY)
    client = client_for(province_officer)
    for name, code in (("round", reevaluation.round.code), ("product", reevaluation.code)):
        html = page(client, name, code)
        assert 'class="flag overdue">quá hạn 5 ngày' in html
    home = page(client, "home")
    assert "quá hạn 5 ngày" in home and "1 sản phẩm quá hạn" in home


def test_a_closed_reevaluation_says_whether_it_came_in_time(
    client_for, reevaluation, scorers, chair
):
    for member in scorers[:4]:
        score(reevaluation, member)
    start_clock(reevaluation, timezone.localdate() - 10 * DAY)
    actions.close(reevaluation, actor=chair)
    client = client_for(chair)
    assert "Hoàn thành trong 45 ngày" in page(client, "product", reevaluation.code)
    start_clock(reevaluation, timezone.localdate() - 50 * DAY)
    assert "Hoàn thành quá hạn 5 ngày" in page(client, "round", reevaluation.round.code)
    assert 'id="reevaluations"' not in page(client, "home")  # finished: off the queue


# --- field visits (Điều 7.6.c) ------------------------------------------------------------


def visit(evaluation, actor, **extra):
    return advisory.record_visit(
        evaluation,
        actor=actor,
        visited_on=timezone.localdate(),
        people="Tổ tư vấn, cán bộ xã, chủ cơ sở",
        notes="Xưởng mở rộng thêm hai lò nung",
        **extra,
    )


def test_a_reevaluation_visit_needs_one_of_the_two_grounds(reevaluation, advisor):
    with pytest.raises(EvaluationError, match="Điều 7.6.c"):
        visit(reevaluation, advisor)
    with pytest.raises(EvaluationError):
        visit(reevaluation, advisor, ground="curious")
    assert not FieldVisit.objects.exists()
    kept = visit(reevaluation, advisor, ground=VisitGround.SCALE)
    assert kept.ground == "scale"
    entry = AuditEntry.objects.get(verb="advisory.visit", object_id=str(reevaluation.pk))
    assert entry.changes["visit_ground"] == "scale"


def test_a_first_evaluation_visit_needs_no_ground(evaluation, advisor):
    assert visit(evaluation, advisor).ground == ""


def test_the_advisory_page_asks_and_shows_the_ground(client_for, reevaluation, advisor):
    client = client_for(advisor)
    html = page(client, "advisory", reevaluation.code)
    assert 'name="ground"' in html and str(VisitGround.EVIDENCE.label) in html
    url = reverse("evaluation:advisory", args=[reevaluation.code])
    data = {
        "form": "visit",
        "visited_on": timezone.localdate().isoformat(),
        "people": "Tổ tư vấn",
        "notes": "Đã xem sổ sách",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200 and "Điều 7.6.c" in refused.content.decode()
    assert "Đã xem sổ sách" in refused.content.decode()  # kept as typed
    assert not FieldVisit.objects.exists()
    client.post(url, {**data, "ground": "evidence"})
    assert FieldVisit.objects.get().ground == "evidence"
    assert str(VisitGround.EVIDENCE.label) in page(client, "advisory", reevaluation.code)
    report = reverse("evaluation:advisory_pdf", args=[reevaluation.code])
    text = flat(pdf_text(client.get(report)))
    assert flat(f"Lý do khảo sát thực tế (Điều 7.6.c): {VisitGround.EVIDENCE.label}") in text


def test_a_first_evaluation_page_has_no_visit_ground(client_for, evaluation, advisor):
    assert 'name="ground"' not in page(client_for(advisor), "advisory", evaluation.code)
