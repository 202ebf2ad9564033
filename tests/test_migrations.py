"""A database made before the layers moved (classification in products, counters in
products, producer roles in accounts) migrates forward without losing a row.

The test takes the test database back to the migrations that shipped before that change,
writes rows through the historical models, migrates forward and reads them through today's
models: same ids, same links, sequences that go on after the copied ids.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ocop.accounts.models import RoleAssignment
from ocop.legal.models import ProductGroup, ProductSet, Sector
from ocop.lib.models import Counter
from ocop.producers.models import ProducerMembership
from ocop.products.models import Product, ProductIdea

# The leaf migrations of every app as they were before the layers change.
BEFORE = [
    ("accounts", "0002_producer_role"),
    ("criteria", "0001_criteria_set"),
    ("legal", "0001_legal_instrument"),
    ("lib", None),
    ("producers", "0002_evidence_library"),
    ("products", "0002_products_ideas_plans"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1]]).apps


@pytest.mark.django_db(transaction=True)
def test_rows_written_before_the_layers_change_survive_it(criteria, places):
    sets_before = list(ProductSet.objects.order_by("pk").values_list("pk", "code", "group_id"))
    groups_before = ProductGroup.objects.count()
    sectors_before = Sector.objects.count()
    assert sets_before, "the criteria fixture loads Phụ lục I"

    try:
        old = _migrate(BEFORE)
        user_model = old.get_model("accounts", "User")
        owner = user_model.objects.create(username="chuthe.cu", email="cu@example.vn")
        producer = old.get_model("producers", "Producer").objects.create(
            code="CT-0000001",
            name="HTX Gốm Cũ",
            legal_type="htx",
            registration_number="0101234567",
            address="Bát Tràng",
            representative_name="Nguyễn Văn Cũ",
            representative_gender="nam",
            commune_id=old.get_model("places", "Commune").objects.get(code="00583").pk,
        )
        old.get_model("accounts", "RoleAssignment").objects.create(
            user=owner, role="producer", producer=producer
        )
        old_set = old.get_model("products", "ProductSet").objects.get(pk=sets_before[0][0])
        product = old.get_model("products", "Product").objects.create(
            code="SP-0000042", name="Bình gốm men lam", producer=producer, product_set=old_set
        )
        idea = old.get_model("products", "ProductIdea").objects.create(
            code="YT-0000007",
            name="Chén gốm",
            description="Chén uống trà",
            producer=producer,
            product_set=old_set,
            state="returned",
            reason="Thiếu mô tả nguồn gốc",
        )
        old.get_model("products", "Counter").objects.create(key="product:00583", value=42)
        assert old.get_model("products", "ProductSet").objects.count() == len(sets_before)
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert list(ProductSet.objects.order_by("pk").values_list("pk", "code", "group_id")) == (
        sets_before
    )
    assert (ProductGroup.objects.count(), Sector.objects.count()) == (
        groups_before,
        sectors_before,
    )
    moved = Product.objects.get(pk=product.pk)
    assert (moved.code, moved.product_set_id) == ("SP-0000042", old_set.pk)
    assert ProductIdea.objects.get(pk=idea.pk).review_note == "Thiếu mô tả nguồn gốc"
    assert Counter.objects.get(key="product:00583").value == 42
    membership = ProducerMembership.objects.get(user_id=owner.pk)
    assert membership.producer_id == producer.pk and membership.revoked_at is None
    assert not RoleAssignment.objects.filter(user_id=owner.pk).exists()
    # The copied ids were followed by the sequences: a new row does not collide.
    fresh = Sector.objects.create(
        instrument_id=ProductSet.objects.get(pk=sets_before[0][0]).instrument_id,
        code="99",
        name="Ngành thử",
    )
    assert fresh.pk > max(Sector.objects.exclude(pk=fresh.pk).values_list("pk", flat=True))
