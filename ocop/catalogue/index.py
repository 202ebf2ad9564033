"""Keeps ``Entry`` and its full-text twin in step with products and certificates.

A product is in the catalogue's index when it has a certificate that is not superseded and
whose first valid day has come: the latest such certificate speaks for it (a renewal
supersedes the old one; a revoked or expired one stays, so the catalogue can show it when
asked). A product whose listing an officer hid is left out (``listings``).

``reindex(ids)`` runs inside the caller's transaction (the signals below call it on every
save of a certificate, product or producer, and when a listing changes), so the index never
disagrees with what was committed. ``rebuild()`` makes everything again (the generated
dataset, ``manage.py catalogue_index``), in batches. Each write bumps ``version()``, which
the cached parts of the catalogue carry in their keys.
"""

import datetime as dt
import time
from collections.abc import Iterable, Iterator

from django.core.cache import cache
from django.db import connection, models, transaction
from django.urls import reverse
from django.utils import timezone

from ocop.catalogue import fulltext, terms
from ocop.catalogue.models import Entry, Word
from ocop.certificates.enums import State
from ocop.certificates.models import Certificate
from ocop.legal.validity import extension_end
from ocop.lib.text import fold
from ocop.listings import public as listings
from ocop.products.models import Product

BATCH = 2000
BODY_CHARS = 400  # of the approved story: enough to find, small to keep
VERSION_KEY = "ocop:catalogue:version"
STALE_DAYS = 60  # the daily job looks this far back, so missed days are caught up


def version() -> int:
    """Changes whenever the index does (in the shared cache, so every process sees it)."""
    found = cache.get(VERSION_KEY)
    if found is None:
        found = time.time_ns()
        cache.add(VERSION_KEY, found, None)
        found = cache.get(VERSION_KEY, found)
    return found


def _bump() -> None:
    """A new version now, and again once the transaction commits: a page rendered in
    between, from what was not yet committed or from the old rows, is never reused."""

    def bump() -> None:
        cache.set(VERSION_KEY, time.time_ns(), None)

    bump()
    transaction.on_commit(bump)


CERT_FIELDS = ("pk", "code", "product_id", "stars", "state", "valid_from", "expires_on")
CERT_FIELDS += ("decision_date", "photo", "product_name", "producer_name")


def _certificates(product_ids: list[int] | None) -> dict[int, dict]:
    """The certificate that speaks for each product (see the module's docstring)."""
    today = timezone.localdate()
    # A certificate superseded by one not yet in force (a renewal decided for a later day)
    # still speaks for the product until then.
    found = Certificate.objects.filter(valid_from__lte=today).exclude(
        state=State.SUPERSEDED, superseded_by__valid_from__lte=today
    )
    if product_ids is not None:
        found = found.filter(product_id__in=product_ids)
    latest: dict[int, dict] = {}
    for cert in found.order_by("product_id", "valid_from", "pk").values(*CERT_FIELDS):
        if cert["state"] == State.SUPERSEDED:
            cert["state"] = State.ACTIVE
        latest[cert["product_id"]] = cert
    return latest


PRODUCT_FIELDS = (
    "pk",
    "code",
    "product_set__code",
    "product_set__name",
    "product_set__group__code",
    "producer_id",
    "producer__legal_type",
    "producer__latitude",
    "producer__longitude",
    "producer__commune_id",
    "producer__commune__name",
    "producer__commune__province_id",
    "producer__commune__province__name",
)


def _entries(certs: dict[int, dict]) -> Iterator[tuple[dict, fulltext.Row, list[str]]]:
    """Each product's entry (as column values), full-text row and words."""
    products = list(Product.objects.filter(pk__in=list(certs)).values(*PRODUCT_FIELDS))
    ids = [p["pk"] for p in products]
    shown = listings.product_listings(ids)
    hidden = listings.hidden_product_ids(ids)
    for p in products:
        if p["pk"] in hidden:
            continue
        cert = certs[p["pk"]]
        listing = shown.get(p["pk"])
        story = listing.story if listing else ""  # only what the province let through
        photo = _first_photo(listing)
        if not photo and cert["photo"]:
            photo = reverse("certificates:verify_photo", args=[cert["code"]])
        group = p["product_set__group__code"]
        expires = cert["expires_on"]
        lat, lon = p["producer__latitude"], p["producer__longitude"]
        entry = {
            "id": p["pk"],
            "product_id": p["pk"],
            "certificate_id": cert["pk"],
            "producer_id": p["producer_id"],
            "province_id": p["producer__commune__province_id"],
            "commune_id": p["producer__commune_id"],
            "code": p["code"],
            # As printed on the certificate: a producer's later renaming is not the
            # province's word (a listing is, once approved).
            "name": cert["product_name"],
            "producer_name": cert["producer_name"],
            "legal_type": p["producer__legal_type"],
            "sector": group.split(".")[0],
            "group": group,
            "product_set": p["product_set__code"],
            "stars": cert["stars"],
            "cert_state": cert["state"],
            "valid_from": cert["valid_from"],
            "expires_on": expires,
            "last_day": max(expires, extension_end(expires) or expires),
            "decided_on": cert["decision_date"],
            "photo": photo,
            "latitude": float(lat) if lat is not None else None,
            "longitude": float(lon) if lon is not None else None,
        }
        body = fold(
            " ".join(
                [
                    p["product_set__name"],
                    p["producer__commune__name"],
                    p["producer__commune__province__name"],
                    story[:BODY_CHARS],
                ]
            )
        )
        name, producer_name = fold(cert["product_name"]), fold(cert["producer_name"])
        words = terms.index_words(f"{name} {producer_name} {body}")
        yield entry, (p["pk"], name, producer_name, body), words


def _first_photo(listing) -> str:
    photos = list(listing.photos.all()) if listing is not None else []
    return listings.photo_url(photos[0]) if photos else ""


def _insert(entries: list[dict]) -> None:
    """Many entries in one statement each (the ORM's bulk_create cuts SQLite's inserts into
    batches of forty and compiles each: five times slower for a rebuild)."""
    if not entries:
        return
    now = timezone.now()
    fields = list(Entry._meta.concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    # Dates go through the field (each engine stores them its own way); the rest as they are.
    dated = {f.attname: f for f in fields if isinstance(f, models.DateField)}
    names = [f.attname for f in fields]
    rows = []
    for entry in entries:
        entry = {**entry, "updated_at": now}
        for name, f in dated.items():
            entry[name] = f.get_db_prep_save(entry[name], connection)
        rows.append([entry[name] for name in names])
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {Entry._meta.db_table} ({columns}) VALUES ({marks})",  # noqa: S608
            rows,
        )


def _write(certs: dict[int, dict], words: set[str]) -> int:
    """Insert the entries of these certificates; their words are added to ``words``."""
    entries, rows = [], []
    for entry, row, entry_words in _entries(certs):
        entries.append(entry)
        rows.append(row)
        words.update(entry_words)
    _insert(entries)
    fulltext.put(rows)
    return len(entries)


def _add_words(words: set[str]) -> None:
    Word.objects.bulk_create([Word(w) for w in sorted(words)], ignore_conflicts=True)


def reindex(product_ids: Iterable[int]) -> None:
    """Bring these products' entries in step (made, changed or removed)."""
    ids = sorted(set(product_ids))
    if not ids:
        return
    with transaction.atomic():
        Entry.objects.filter(pk__in=ids).delete()
        fulltext.remove(ids)
        words: set[str] = set()
        _write(_certificates(ids), words)
        _add_words(words)
    _bump()


def reindex_producers(producer_ids: Iterable[int]) -> None:
    ids = list(producer_ids)
    if ids:
        reindex(Product.objects.filter(producer_id__in=ids).values_list("pk", flat=True))


def rebuild() -> int:
    """Every entry again, from scratch; returns how many products are in the index."""
    with transaction.atomic():
        Entry.objects.all().delete()
        fulltext.clear()
        Word.objects.all().delete()
        certs = _certificates(None)
        ids = sorted(certs)
        made = 0
        words: set[str] = set()
        for start in range(0, len(ids), BATCH):
            made += _write({i: certs[i] for i in ids[start : start + BATCH]}, words)
        _add_words(words)
    _bump()
    return made


def stale(today) -> list[int]:
    """Products whose certificate began on ``today`` or earlier and is not yet the one in
    the index (a decision dated ahead comes into force): the daily job reindexes them."""
    started = Certificate.objects.exclude(state=State.SUPERSEDED).filter(
        valid_from__lte=today, valid_from__gte=today - dt.timedelta(days=STALE_DAYS)
    )
    indexed = dict(
        Entry.objects.filter(product__in=started.values("product_id")).values_list(
            "product_id", "certificate_id"
        )
    )
    return [
        c.product_id for c in started.only("pk", "product_id") if indexed.get(c.product_id) != c.pk
    ]
