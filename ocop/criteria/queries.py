from ocop.criteria.models import CriteriaSet


def published_sets():
    return CriteriaSet.objects.select_related("instrument", "product_set__group__sector").order_by(
        "code"
    )
