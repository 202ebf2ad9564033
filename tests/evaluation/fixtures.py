"""A Hà Nội council (chair, vice-chair, three members, a secretary) and a round with two
products of the Bát Tràng producer accepted for it."""

import pytest

from ocop.accounts.enums import Role
from ocop.dossiers import actions as dossier_actions
from ocop.dossiers.enums import DossierKind, State
from ocop.evaluation import councils
from ocop.evaluation.enums import Body, MemberRole
from ocop.evaluation.walk import open_round, set_up_council
from ocop.legal.models import ProductSet
from ocop.places.models import Province
from ocop.products import actions as product_actions
from tests.conftest import make_user

SEATS = [
    ("hd.chutich", MemberRole.CHAIR, "UBND thành phố Hà Nội"),
    ("hd.phochutich", MemberRole.VICE_CHAIR, "Sở Nông nghiệp và Môi trường"),
    ("hd.congthuong", MemberRole.MEMBER, "Sở Công Thương"),
    ("hd.yte", MemberRole.MEMBER, "Sở Y tế"),
    ("hd.khcn", MemberRole.MEMBER, "Sở Khoa học và Công nghệ"),
    ("hd.thuky", MemberRole.SECRETARY, "Văn phòng Điều phối nông thôn mới"),
]


@pytest.fixture
def people(places):
    return {
        username: make_user(username, Role.COUNCIL_MEMBER, province="01")
        for username, _role, _office in SEATS
    }


@pytest.fixture
def council(people, province_officer):
    return set_up_council(
        Province.objects.get(code="01"),
        province_officer,
        [(people[u], role, office) for u, role, office in SEATS],
    )


@pytest.fixture
def scorers(people):
    """The five members who fill a sheet (the secretary does not)."""
    return [people[u] for u, role, _office in SEATS if role != MemberRole.SECRETARY]


@pytest.fixture
def chair(people):
    return people["hd.chutich"]


@pytest.fixture
def accepted(product, producer_user, bring):
    return bring(
        dossier_actions.start_dossier(product, actor=producer_user, kind=DossierKind.FIRST),
        State.ACCEPTED,
    )


@pytest.fixture
def round_and_products(council, province_officer, accepted):
    return open_round(council, province_officer, [accepted])


@pytest.fixture
def evaluation(round_and_products):
    return round_and_products[1][0]


@pytest.fixture
def tourism_dossier(producer, producer_user, bring):
    """A set 26 product (community tourism, two alternative cases in criterion 8)."""
    from ocop.producers.models import Producer

    Producer.objects.filter(pk=producer.pk).update(legal_type="htx")
    product = product_actions.create_product(
        producer,
        actor=producer_user,
        product_set=ProductSet.objects.get(number=26),
        name="Du lịch làng gốm",
    )
    return bring(
        dossier_actions.start_dossier(product, actor=producer_user, kind=DossierKind.FIRST),
        State.ACCEPTED,
    )


@pytest.fixture
def advisor(council, province_officer):
    user = make_user("tv.thanhvien", Role.COUNCIL_MEMBER, province="01")
    councils.add_member(
        council,
        user,
        actor=province_officer,
        role=MemberRole.MEMBER,
        body=Body.ADVISORY,
        office="Chi cục Phát triển nông thôn",
    )
    return user


@pytest.fixture
def leader(council, province_officer):
    user = make_user("tv.totruong", Role.COUNCIL_MEMBER, province="01")
    councils.add_member(
        council,
        user,
        actor=province_officer,
        role=MemberRole.LEADER,
        body=Body.ADVISORY,
        office="Văn phòng Điều phối nông thôn mới",
    )
    return user
