"""The demo data `make run` loads: every stage the pages are meant to show is there, and a
second run adds nothing."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

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
        "seed_demo_certificates",
        "seed_demo_catalogue",
        "seed_demo_promotion",
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
    # An upgrade only for a recognised product (Điều 6.1.b): copied from the recognised dossier.
    upgrade = Dossier.objects.get(kind="upgrade")
    assert upgrade.based_on.product == upgrade.product
    assert finished.evaluations.filter(dossier=upgrade.based_on).exists()
    assert upgrade.versions.get().content["changes"]["changes"]
    # The 5★ path: one recognised by the Minister, one below 90 told to the province, one
    # package sent back by the ministry for completion.
    from ocop.recognition.models import Notice, Package

    minister = Decision.objects.get(kind="ministry", state="recorded")
    assert minister.province_id is None and minister.lines.get().stars == 5
    assert Notice.objects.filter(evaluation__round__council__level="central").exists()
    below = Notice.objects.get(evaluation__round__council__level="central").evaluation
    assert 3 <= below.result["stars"] <= 4
    assert Package.objects.filter(state="returned").exclude(return_reason="").exists()
    # Certificates in every status a consumer may meet, one of a former district committee;
    # the set-up prints one verification URL per status.
    import io

    from ocop.certificates.models import Certificate, ConsumerReport, Inspection, Revocation

    statuses = {c.status() for c in Certificate.objects.all()}
    expected = {"valid", "expiring", "expired", "revoked", "superseded", "pending"}
    if timezone.localdate() <= dt.date(2027, 5, 16):  # the last day of any Điều 12.3 extension
        expected.add("extended")
    assert expected <= statuses
    assert Certificate.objects.filter(authority="district").exists()
    assert Revocation.objects.filter(state="open").exists()
    assert ConsumerReport.objects.exists() and Inspection.objects.exists()
    _the_catalogue_can_be_tried_at_once()
    counts = (
        Evaluation.objects.count(),
        Decision.objects.count(),
        Certificate.objects.count(),
        Revocation.objects.count(),
        ConsumerReport.objects.count(),
        Inspection.objects.count(),
    )
    for command in (
        "seed_demo_dossiers",
        "seed_demo_evaluation",
        "seed_demo_recognition",
        "seed_demo_catalogue",
        "seed_demo_promotion",
        "seed_demo_certificates",
    ):
        out = io.StringIO()
        call_command(command, "--allow-production", verbosity=0, stdout=out)
    assert out.getvalue().count("/v/") == len(expected)
    assert (
        Evaluation.objects.count(),
        Decision.objects.count(),
        Certificate.objects.count(),
        Revocation.objects.count(),
        ConsumerReport.objects.count(),
        Inspection.objects.count(),
    ) == counts


def _the_catalogue_can_be_tried_at_once():
    """At least 40 listed products in at least 3 provinces and all six sectors, names with
    "đ" and every tone, and the searches the issue names find what they should."""
    from ocop.catalogue import search
    from ocop.catalogue.models import Entry

    listed = search.run(search.Query(), page_size=100).entries
    assert len(listed) >= 40
    assert len({e.province_id for e in listed}) >= 3
    assert {e.sector for e in listed} == {"I", "II", "III", "IV", "V", "VI"}
    text = " ".join(e.name for e in Entry.objects.all()).lower()
    assert "đ" in text
    for tone in ("à", "á", "ả", "ã", "ạ"):  # and the level tone, everywhere
        assert any(tone in ch for ch in __import__("unicodedata").normalize("NFC", text)) or any(
            ch for ch in text if tone in __import__("unicodedata").normalize("NFD", ch)
        ), tone
    assert (
        search.run(search.Query(q="nuoc mam phu quoc"))
        .entries[0]
        .name.startswith("Nước mắm Phú Quốc")
    )
    assert "đặc sản" in search.run(search.Query(q="dac san")).entries[0].name.lower()
