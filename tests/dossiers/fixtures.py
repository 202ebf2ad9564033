"""Dossier fixtures: a product of the Bát Tràng producer and dossiers in any state."""

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from ocop.dossiers import actions
from ocop.dossiers.demo import demo_answers
from ocop.dossiers.enums import DossierKind, State, Step
from ocop.legal.models import ProductSet
from ocop.producers import actions as producer_actions
from ocop.products import actions as product_actions


def png_file(name="anh.png", colour=(200, 30, 30)) -> ContentFile:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "PNG")
    return ContentFile(out.getvalue(), name=name)


PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


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


def fill(dossier, actor, documents=()):
    """Everything a producer must fill before submitting."""
    return actions.save_content(
        dossier,
        actor=actor,
        sections={
            "part1": {"product_description": "Bình cao 30 cm", "history": "Từ năm 2015"},
            "part2": {"raw_materials_technology": "Đất sét Trúc Thôn", "markets": "Hà Nội"},
            "part4": {"plan": "Mở rộng thị trường"},
        },
        answers=demo_answers(dossier.criteria_set.sheet()),
        links={"": list(documents)},
    )


def assess(dossier, actor, **extra):
    return actions.save_assessment(
        dossier,
        actor=actor,
        **{
            "raw_materials": "Nguyên liệu tại chỗ",
            "labour": "Lao động trong xã",
            "idea_origin": "Truyền thống",
            "identity": "Men lam Bát Tràng",
            "letter_number": "12/UBND",
            "letter_date": dt.date(2026, 11, 20),
            "samples_received": 5,
            **extra,
        },
    )


@pytest.fixture
def bring(producer_user, commune_officer, province_officer):
    """``bring(dossier, state)`` walks a draft along the real path to ``state``."""

    def walk(dossier, state):
        paths = {
            State.DRAFT: [],
            State.SUBMITTED: ["fill", Step.SUBMIT],
            State.COMMUNE_REVIEWING: ["fill", Step.SUBMIT, Step.RECEIVE],
            State.RETURNED_BY_COMMUNE: ["fill", Step.SUBMIT, Step.RECEIVE, Step.RETURN],
            State.PROPOSED: ["fill", Step.SUBMIT, Step.RECEIVE, "assess", Step.PROPOSE],
            State.PROVINCE_CHECKING: [
                "fill",
                Step.SUBMIT,
                Step.RECEIVE,
                "assess",
                Step.PROPOSE,
                Step.RECEIVE,
            ],
            State.RETURNED_BY_PROVINCE: [
                "fill",
                Step.SUBMIT,
                Step.RECEIVE,
                "assess",
                Step.PROPOSE,
                Step.RECEIVE,
                Step.RETURN,
            ],
            State.ACCEPTED: [
                "fill",
                Step.SUBMIT,
                Step.RECEIVE,
                "assess",
                Step.PROPOSE,
                Step.RECEIVE,
                Step.ACCEPT,
            ],
            State.WITHDRAWN: [Step.WITHDRAW],
        }
        at_province = False
        for item in paths[State(state)]:
            if item == "fill":
                fill(dossier, producer_user)
            elif item == "assess":
                assess(dossier, commune_officer)
            else:
                office = province_officer if at_province else commune_officer
                actor = producer_user if item in (Step.SUBMIT, Step.WITHDRAW) else office
                actions.transition(dossier, item, actor=actor, reason="Bổ sung giấy tờ")
                at_province = at_province or item == Step.PROPOSE
        dossier.refresh_from_db()
        assert dossier.state == state
        return dossier

    return walk
