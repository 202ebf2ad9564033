"""Listing fixtures: the Bát Tràng producer's product (``product``), a photo in its library
(``document``, from tests/dossiers/fixtures.py), a PDF, and another producer's photo."""

import pytest
from django.core.files.base import ContentFile

from ocop.producers import actions as producer_actions
from tests.dossiers.fixtures import PDF_BYTES, png_file


@pytest.fixture
def pdf_document(producer, producer_user):
    return producer_actions.upload_evidence(
        producer,
        actor=producer_user,
        file=ContentFile(PDF_BYTES, name="giay.pdf"),
        kind="food_safety",
        title="Giấy ATTP",
    )


@pytest.fixture
def other_photo(other_producer_user):
    other = other_producer_user.producer_memberships.get().producer
    return producer_actions.upload_evidence(
        other,
        actor=other_producer_user,
        file=png_file(colour=(0, 0, 200)),
        kind="photo",
        title="Ảnh của cơ sở khác",
    )


@pytest.fixture
def second_photo(producer, producer_user):
    return producer_actions.upload_evidence(
        producer,
        actor=producer_user,
        file=png_file(colour=(0, 200, 0)),
        kind="photo",
        title="Ảnh nhãn",
    )


@pytest.fixture
def hanoi(places):
    from ocop.places.models import Province

    return Province.objects.get(code="01")


@pytest.fixture
def sent(monkeypatch):
    """What ``signals.changed`` sent, once the transaction committed."""
    from ocop.listings import signals

    calls = []

    def receiver(sender, **kwargs):
        calls.append({"products": kwargs["products"], "producers": kwargs["producers"]})

    signals.changed.connect(receiver, dispatch_uid="tests-listings")
    yield calls
    signals.changed.disconnect(dispatch_uid="tests-listings")
