"""``generate_dataset``: the same seed gives the same data, the data has the shape the
benchmark needs (every sector, 3★–5★, every dossier state and certificate status, producers
spread over the country), the pages work on it, and it never touches other data."""

import datetime as dt
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from ocop.accounts.models import User
from ocop.certificates.enums import IN_FORCE
from ocop.certificates.models import Certificate
from ocop.dataset import EXTENSION_LAST_EXPIRY, MARKER
from ocop.dossiers.enums import State
from ocop.dossiers.models import Dossier
from ocop.evaluation.enums import EvaluationState
from ocop.evaluation.models import Evaluation, ScoreSheet
from ocop.lib.models import Counter
from ocop.producers.models import Producer
from ocop.products.models import Product
from ocop.recognition.models import DecisionLine
from tests.conftest import make_producer

N, SEED = 300, 7


def generate(*flags) -> str:
    out = io.StringIO()
    call_command(
        "generate_dataset",
        "--products",
        N,
        "--seed",
        SEED,
        "--allow-production",
        *flags,
        stdout=out,
    )
    return out.getvalue()


def snapshot() -> dict:
    """What must come out the same: every public code and number, states and dates."""
    mine = {"created_by__username": MARKER}
    return {
        "producers": sorted(
            Producer.objects.filter(**mine).values_list("code", "name", "commune__code")
        ),
        "products": sorted(
            Product.objects.filter(**mine).values_list("code", "ocop_code", "product_set__number")
        ),
        "dossiers": sorted(
            Dossier.objects.filter(**mine).values_list(
                "code",
                "state",
                "commune_deadline",
                "commune_receipt_number",
                "province_receipt_number",
            )
        ),
        "certificates": sorted(
            Certificate.objects.filter(producer__created_by__username=MARKER).values_list(
                "code", "number", "state", "valid_from", "stars", "superseded_by__code"
            )
        ),
        "evaluations": sorted(
            Evaluation.objects.filter(dossier__created_by__username=MARKER).values_list(
                "code", "state", "result"
            ),
            key=lambda row: row[0],
        ),
        "sheets": ScoreSheet.objects.filter(
            evaluation__dossier__created_by__username=MARKER
        ).count(),
        "lines": sorted(DecisionLine.objects.values_list("product_code", "stars", "score")),
        "counters": sorted(Counter.objects.values_list("key", "value")),
    }


@pytest.mark.django_db
def test_same_seed_same_data_every_shape_and_the_pages_work(client, places, criteria):
    other = make_producer(name="HTX không sinh ra")  # data the command must not touch
    output = generate()
    first = snapshot()
    assert "gen.xa." in output and "Accounts for the benchmark" in output

    with pytest.raises(CommandError, match="--replace"):
        generate()
    generate("--replace")
    assert snapshot() == first
    assert Producer.objects.filter(pk=other.pk).exists()

    generated = Producer.objects.filter(created_by__username=MARKER)
    products = Product.objects.filter(producer__in=generated)
    assert products.count() == N
    # Spread: most producers in a commune of their own, in most provinces.
    communes = set(generated.values_list("commune_id", flat=True))
    provinces = set(generated.values_list("commune__province_id", flat=True))
    assert len(communes) > 0.8 * generated.count() and len(provinces) >= 25
    assert len(set(generated.values_list("legal_type", flat=True))) >= 5
    sectors = set(products.values_list("product_set__group__sector__code", flat=True))
    assert sectors == {"I", "II", "III", "IV", "V", "VI"}
    dossiers = Dossier.objects.filter(producer__in=generated)
    assert set(dossiers.values_list("state", flat=True)) == set(State.values)
    assert dossiers.filter(commune_deadline__isnull=False).exists()
    assert dossiers.filter(state="accepted", round_year__isnull=False).exists()
    evaluations = set(
        Evaluation.objects.filter(dossier__in=dossiers).values_list("state", flat=True)
    )
    assert {EvaluationState.CLOSED, EvaluationState.SCORING} <= evaluations

    today = timezone.localdate()
    certificates = list(Certificate.objects.filter(producer__in=generated))
    statuses = {c.status(today) for c in certificates}
    wanted = {"valid", "expiring", "expired", "revoked", "superseded"}
    if today - dt.timedelta(days=180) <= EXTENSION_LAST_EXPIRY:  # Điều 12.3 still runs
        wanted.add("extended")
    assert wanted <= statuses
    assert {c.stars for c in certificates if c.status(today) in IN_FORCE} == {3, 4, 5}
    assert {c.origin for c in certificates} == {"entered", "system"}
    revoked = [c for c in certificates if c.state == "revoked"]
    assert all(c.revocations.filter(state="revoked").exists() for c in revoked)

    # The accounts the command printed sign in, and the pages answer on the data.
    printed = output.split("Accounts for the benchmark")[1].splitlines()[1:]
    names = dict(line.split() for line in printed if line.strip())
    assert User.objects.get(username=names["commune_officer"]).check_password(
        settings.DEMO_PASSWORD
    )
    for role in ("commune_officer", "province_officer", "producer"):
        client.force_login(User.objects.get(username=names[role]))
        assert client.get("/ho-so/").status_code == 200
    client.force_login(User.objects.get(username=names["commune_officer"]))
    mine = dossiers.filter(commune__code=names["commune_officer"].split(".")[-1]).first()
    assert client.get(f"/ho-so/{mine.code}/").status_code == 200
    client.force_login(User.objects.get(username=names["province_officer"]))
    assert client.get("/chung-nhan/").status_code == 200
    client.logout()
    for cert in certificates[:: max(1, len(certificates) // 10)]:
        assert client.get(f"/v/{cert.code}").status_code == 200

    call_command("generate_dataset", "--remove", "--allow-production", stdout=io.StringIO())
    assert not Producer.objects.filter(created_by__username=MARKER).exists()
    assert not User.objects.filter(username__startswith="gen.").exists()
    assert Producer.objects.filter(pk=other.pk).exists()
    # The counters it moved are back where they were (none had been used before).
    assert not Counter.objects.exists()
