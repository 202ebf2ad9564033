from django.utils import timezone

from ocop.legal.models import LegalInstrument, ProductSet, Sector


def current_product_sets(day=None):
    """The product sets of the rulebook in force (today: the 26 sets of 26/2026/QĐ-TTg)."""
    in_force = LegalInstrument.objects.in_force(day or timezone.localdate())
    return ProductSet.objects.filter(instrument__in=in_force).order_by("number")


def sectors_with_groups():
    return Sector.objects.prefetch_related("groups").order_by("instrument", "position")
