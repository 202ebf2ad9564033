"""What the catalogue listens to: a listing was published, hidden or shown again.

``changed.send(sender=None, products=[ids], producers=[ids])`` after the transaction that
changed them commits; the catalogue re-indexes those rows (``catalogue.index``)."""

from django.dispatch import Signal

changed = Signal()
