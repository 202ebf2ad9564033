"""The product code T-X-STT-YYYY (Phụ lục II header "Năm đánh giá"): the commune's running
number is given once; the year is that of the evaluation, and follows it."""

from ocop.audit.models import AuditEntry
from ocop.products import actions


def test_the_year_follows_the_evaluation_and_the_number_stays(product):
    assert actions.set_ocop_code_year(product, year=2027) is None  # no code yet: nothing
    assert actions.assign_ocop_code(product, year=2026) == "01-00583-001-2026"
    assert actions.assign_ocop_code(product, year=2027) == "01-00583-001-2026"  # given once
    assert actions.set_ocop_code_year(product, year=2027) == "01-00583-001-2027"
    product.refresh_from_db()
    assert product.ocop_code == "01-00583-001-2027"
    entries = AuditEntry.objects.filter(verb="product.coded", object_id=str(product.pk))
    assert [e.changes["ocop_code"] for e in entries.order_by("pk")] == [
        "01-00583-001-2026",
        ["01-00583-001-2026", "01-00583-001-2027"],
    ]
    assert actions.set_ocop_code_year(product, year=2027) == "01-00583-001-2027"
    assert entries.count() == 2  # the same year again: nothing written
