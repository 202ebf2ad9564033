"""What the catalogue adds to the rest: its menu item, the listeners that keep its index in
step, and its part of the daily job."""

from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _

from ocop.lib import daily, navigation
from ocop.lib.navigation import MenuItem


def _certificate_saved(sender, instance, **kwargs):
    from ocop.catalogue import index

    index.reindex([instance.product_id])


def _product_saved(sender, instance, created, raw=False, **kwargs):
    if created or raw:  # a new product has no certificate yet
        return
    from ocop.catalogue import index

    index.reindex([instance.pk])


def _producer_saved(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    from ocop.catalogue import index

    index.reindex_producers([instance.pk])


def _listing_changed(sender, products=(), producers=(), **kwargs):
    from ocop.catalogue import index

    index.reindex(products)
    index.reindex_producers(producers)


def _daily(today) -> dict[str, int]:
    """Certificates whose first valid day came (a decision dated ahead) enter the catalogue."""
    from ocop.catalogue import index

    ids = index.stale(today)
    index.reindex(ids)
    return {"catalogue_reindexed": len(ids)}


def _forget(**kwargs) -> None:
    from ocop.catalogue import classification, search

    classification.forget()
    search.forget()


def register() -> None:
    from ocop.certificates.models import Certificate
    from ocop.listings import signals
    from ocop.producers.models import Producer
    from ocop.products.models import Product

    navigation.add_menu_item("catalogue", MenuItem(5, _("Sản phẩm OCOP"), "catalogue:search"))
    post_save.connect(_certificate_saved, sender=Certificate, dispatch_uid="catalogue-cert")
    post_save.connect(_product_saved, sender=Product, dispatch_uid="catalogue-product")
    post_save.connect(_producer_saved, sender=Producer, dispatch_uid="catalogue-producer")
    signals.changed.connect(_listing_changed, dispatch_uid="catalogue-listing")
    daily.register("catalogue", _daily)
    post_migrate.connect(_forget, dispatch_uid="catalogue-forget")
