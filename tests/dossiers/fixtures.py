"""Dossier fixtures: a product of the Bát Tràng producer and dossiers in any state."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from ocop.dossiers import actions
from ocop.dossiers.enums import DossierKind
from ocop.dossiers.walk import People, assess, fill, walk_to  # noqa: F401 (used by tests)
from ocop.legal.models import ProductSet
from ocop.producers import actions as producer_actions
from ocop.products import actions as product_actions
from tests.lib.pdfs import PDF


def png_file(name="anh.png", colour=(200, 30, 30)) -> ContentFile:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "PNG")
    return ContentFile(out.getvalue(), name=name)


PDF_BYTES = PDF  # a well-formed one-page PDF: uploads.inspect parses PDFs


@pytest.fixture
def product(producer, producer_user, criteria):
    return product_actions.create_product(
        producer,
        actor=producer_user,
        product_set=ProductSet.objects.get(number=21),
        name="Bình gốm men lam",
    )


@pytest.fixture
def document(producer, producer_user):
    return producer_actions.upload_evidence(
        producer,
        actor=producer_user,
        file=png_file(),
        kind="photo",
        title="Ảnh bao bì",
    )


@pytest.fixture
def draft(product, producer_user):
    return actions.start_dossier(product, actor=producer_user, kind=DossierKind.FIRST)


@pytest.fixture
def bring(producer_user, commune_officer, province_officer):
    """``bring(dossier, state)`` walks a draft along the real path to ``state``."""
    people = People(producer=producer_user, commune=commune_officer, province=province_officer)

    def walk(dossier, state):
        dossier = walk_to(dossier, state, people)
        assert dossier.state == state
        return dossier

    return walk
