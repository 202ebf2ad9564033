"""The evaluation fixtures (a Hà Nội council, a round with an accepted product), and two
more products in the same round."""

import pytest

# close_with, recognise and recognised come from tests.recognition.fixtures (root conftest).


@pytest.fixture
def two_more(round_and_products, producer, producer_user, bring, province_officer):
    """Two more products of the producer accepted into the same round."""
    from ocop.dossiers import actions as dossier_actions
    from ocop.evaluation import councils
    from ocop.legal.models import ProductSet
    from ocop.products import actions as product_actions

    rnd, _ = round_and_products
    dossiers = []
    for name in ("Đĩa gốm", "Chén gốm"):
        product = product_actions.create_product(
            producer, actor=producer_user, product_set=ProductSet.objects.get(number=21), name=name
        )
        draft = dossier_actions.start_dossier(product, actor=producer_user, kind="first")
        dossiers.append(bring(draft, "accepted"))
    return councils.add_dossiers(rnd, dossiers, actor=province_officer)
