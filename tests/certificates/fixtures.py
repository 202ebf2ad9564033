"""Certificates for every test directory (registered in the root conftest):

- ``issued``: the evaluation fixture's product recognised today by the province, and the
  certificate the recorded decision issued;
- ``enter_certificate(product=None, valid_from=…, stars=3, authority="province", …)``: a
  certificate issued on paper, entered by the province's office (fast: no council), valid
  from any past day, so tests can put a certificate at any point of its life;
- ``revoke(cert, number=…, ground="b")``: a revocation case opened today on a conclusion and
  decided today by the province's office (the case is returned).
"""

import datetime as dt

import pytest
from django.utils import timezone

from ocop.legal.models import LegalInstrument


@pytest.fixture
def issued(recognised):
    from ocop.certificates.models import Certificate

    return Certificate.objects.get(line__evaluation__dossier=recognised)


@pytest.fixture
def enter_certificate(product, province_officer):
    from ocop.certificates import actions

    numbers = iter(range(1, 10_000))

    def enter(
        target=None,
        *,
        valid_from: dt.date | None = None,
        stars: int = 3,
        authority: str = "province",
        authority_name: str = "Ủy ban nhân dân Thành phố Hà Nội",
        expires_on: dt.date | None = None,
        instrument: str = "26/2026/QĐ-TTg",
        actor=None,
    ):
        valid_from = valid_from or timezone.localdate()
        return actions.enter(
            actor=actor or province_officer,
            product=target or product,
            number=f"{next(numbers)}/GCN",
            stars=stars,
            score=None,
            authority=authority,
            authority_name=authority_name,
            decision_number=f"{next(numbers)}/QĐ-UBND",
            decision_date=valid_from,
            signer="Chủ tịch",
            instrument=_instrument(instrument, valid_from),
            valid_from=valid_from,
            expires_on=expires_on,
        )

    return enter


def _instrument(number: str, day: dt.date) -> LegalInstrument:
    found = LegalInstrument.objects.filter(number=number).first()
    return found or LegalInstrument.objects.order_by("signed_on").first()


@pytest.fixture
def revoke(province_officer):
    from ocop.certificates import revocation

    def decide(cert, *, number="9/QĐ-UBND", ground="b", summary="Không còn đáp ứng tiêu chí."):
        today = timezone.localdate()
        case = revocation.open_case(
            cert,
            actor=province_officer,
            ground=ground,
            trigger="conclusion",
            trigger_authority="Đoàn kiểm tra",
            trigger_number="3/KL",
            trigger_date=today,
            summary=summary,
        )
        return revocation.decide(
            case, actor=province_officer, number=number, signed_on=today, signer="Chủ tịch"
        )

    return decide
