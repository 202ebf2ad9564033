"""The public catalogue's index: one ``Entry`` per product that holds, or last held, a
certificate (``index.reindex`` keeps it in step), and the words search may correct a typo to.

An entry copies what the catalogue filters and sorts by (place, classification, stars,
producer type, the certificate's dates), so a search reads one narrow table and its
full-text twin (``fulltext``: FTS5 on SQLite, a ``tsvector`` with a GIN index on PostgreSQL)
and never joins the workflow tables. Nothing here is a record of its own: ``index.rebuild``
makes it again from products and certificates.
"""

import datetime as dt

from django.db import models

from ocop.certificates import status
from ocop.certificates.models import Certificate
from ocop.legal.validity import extension_end
from ocop.places.models import Commune, Province
from ocop.producers.models import Producer
from ocop.products.models import Product


class Entry(models.Model):
    # The product's id, as a plain integer key: SQLite keeps the rows in this order (the
    # rowid), the full-text table uses the same number, and an index on (stars, date)
    # ends with it, so "best first" pages need no sort.
    id = models.IntegerField(primary_key=True)
    product = models.OneToOneField(Product, on_delete=models.CASCADE, related_name="+")
    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="+")
    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="+")
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=12, unique=True)  # Product.code, for URLs
    name = models.CharField(max_length=200)
    producer_name = models.CharField(max_length=200)
    legal_type = models.CharField(max_length=32)
    sector = models.CharField(max_length=8)  # "I"
    group = models.CharField(max_length=12)  # "I.1"
    product_set = models.CharField(max_length=16)  # "I.1.a"
    stars = models.PositiveSmallIntegerField()
    # The certificate's facts: its state ("active", "revoked", "expired"), first and last
    # valid day (the Điều 12.3 extension included), and the recognising decision's date.
    cert_state = models.CharField(max_length=10)
    valid_from = models.DateField()
    expires_on = models.DateField()
    last_day = models.DateField()
    decided_on = models.DateField()
    photo = models.CharField(max_length=200, blank=True)  # a public image URL, or ""
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            # The orders a page is read in (walked from the end: most stars, newest first).
            models.Index(fields=["stars", "decided_on"], name="entry_best"),
            models.Index(fields=["decided_on", "stars"], name="entry_newest"),
            models.Index(fields=["province", "stars", "decided_on"], name="entry_province"),
        ]

    def __str__(self):
        return self.name

    def status(self, today: dt.date) -> str:
        """What the certificate means on ``today`` (``certificates.status``)."""
        dates = status.Dates(
            self.cert_state, self.valid_from, self.expires_on, extension_end(self.expires_on)
        )
        return status.status_on(dates, today)


class Word(models.Model):
    """A folded word of some entry's text: a typo is corrected only towards these."""

    word = models.CharField(max_length=40, primary_key=True)

    def __str__(self):
        return self.word
