from ocop.lib.scope import get_in_scope_or_404
from ocop.products import rules
from ocop.products.models import Product, ProductIdea


def product_for(user, code: str) -> Product:
    """A product the user may see, or 404."""
    return get_in_scope_or_404(
        Product.objects.select_related("producer__commune__province", "product_set"),
        rules.product_scope(user),
        code=code,
    )


def idea_for(user, code: str) -> ProductIdea:
    return get_in_scope_or_404(
        ProductIdea.objects.select_related("producer__commune__province", "product_set"),
        rules.product_scope(user),
        code=code,
    )
