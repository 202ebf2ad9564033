"""The demo data `make run` loads: every stage the pages are meant to show is there, and a
second run adds nothing."""

import pytest
from django.core.management import call_command

from ocop.dossiers.models import Dossier
from ocop.evaluation.enums import EvaluationState
from ocop.evaluation.models import Evaluation, Interest, Round
from ocop.recognition.models import Decision


@pytest.mark.django_db
def test_the_demo_has_a_finished_round_one_in_discussion_and_a_decision(places, criteria):
    for command in (
        "seed_demo",
        "seed_demo_dossiers",
        "seed_demo_evaluation",
        "seed_demo_recognition",
    ):
        call_command(command, "--allow-production", verbosity=0)
    finished = Round.objects.get(council__province__code="01", year=2026, number=2)
    assert {e.state for e in finished.evaluations.all()} == {EvaluationState.CLOSED}
    assert Evaluation.objects.filter(state=EvaluationState.DISCUSSION).exists()
    assert Interest.objects.filter(relation="family").exists()
    assert Decision.objects.filter(round=finished, state="recorded").exists()
    # A dossier the province returned, back at the commune to be proposed again (Điều 7.3.a).
    assert Dossier.objects.filter(
        state="commune_reviewing", province_receipt_number__gt=""
    ).exists()
    counts = (Evaluation.objects.count(), Decision.objects.count())
    for command in ("seed_demo_dossiers", "seed_demo_evaluation", "seed_demo_recognition"):
        call_command(command, "--allow-production", verbosity=0)
    assert (Evaluation.objects.count(), Decision.objects.count()) == counts
