"""Twelve members submitting the same product at the same moment lose nothing: each sheet
is kept, each submission is audited once, and the product's state is consistent."""

import pytest
from django.db import connection

from ocop.accounts.enums import Role
from ocop.audit.models import AuditEntry
from ocop.evaluation.enums import EvaluationState, MemberRole
from ocop.evaluation.models import ScoreSheet
from ocop.evaluation.walk import member_answers, open_round, score, set_up_council
from ocop.places.models import Province
from tests.conftest import make_user
from tests.threads import at_once

MEMBERS = 12


@pytest.mark.django_db(transaction=True)
def test_twelve_members_submit_at_once(criteria, province_officer, accepted):
    users = [make_user(f"hd.{i:02d}", Role.COUNCIL_MEMBER, province="01") for i in range(MEMBERS)]
    council = set_up_council(
        Province.objects.get(code="01"),
        province_officer,
        [(u, MemberRole.CHAIR if i == 0 else MemberRole.MEMBER, "Sở") for i, u in enumerate(users)],
    )
    _rnd, (evaluation,) = open_round(council, province_officer, [accepted])
    sheet_def = evaluation.dossier.criteria_set.sheet()
    # Totals within the threshold, so the product stays "đang chấm".
    answers = [member_answers(sheet_def, lower=i % 3) for i in range(MEMBERS)]
    _results, errors = at_once(MEMBERS, lambda i: score(evaluation, users[i], answers[i]))
    assert errors == []
    sheets = ScoreSheet.objects.filter(evaluation=evaluation)
    assert sheets.filter(submitted_at__isnull=False).count() == MEMBERS
    assert {s.member.user_id: s.answers for s in sheets} == {
        u.pk: answers[i] for i, u in enumerate(users)
    }
    assert (
        AuditEntry.objects.filter(verb="sheet.submitted", object_id=str(evaluation.pk)).count()
        == MEMBERS
    )
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.SCORING
    assert connection.vendor in ("sqlite", "postgresql")
