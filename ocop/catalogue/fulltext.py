# ruff: noqa: S608, S611 (the table name is a constant; every value is a parameter)
"""The catalogue's full-text table, one per database engine, keyed by the product's id.

- SQLite: an FTS5 table (``name``, ``producer``, ``body``) with prefix indexes of 2 and 3
  letters; ``bm25`` is not needed: ranking is by which column matched (``search``).
- PostgreSQL: a ``tsvector`` of the ``simple`` configuration (no stemming: the text is
  already folded) with the name weighted A, the producer B and the rest D, and a GIN index.

Both hold text folded in Python (``lib.text.fold``), so both engines search the same words
and neither needs an extension (``unaccent``, ``pg_trgm``). Queries come from ``terms``.
"""

from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models.expressions import RawSQL

from ocop.catalogue import terms

TABLE = "catalogue_search"


def _postgres() -> bool:
    return connection.vendor == "postgresql"


Row = tuple[int, str, str, str]  # product id, folded name, folded producer, folded rest


def remove(ids: Sequence[int]) -> None:
    if not ids:
        return
    marks = ", ".join(["%s"] * len(ids))
    column = "product_id" if _postgres() else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE {column} IN ({marks})", list(ids))


def put(rows: Iterable[Row]) -> None:
    """Insert these rows (``index`` removed any of the same ids first, or cleared all)."""
    rows = list(rows)
    if not rows:
        return
    with connection.cursor() as cursor:
        if _postgres():
            # The words as Python splits them (``terms.index_words``): PostgreSQL's parser
            # would keep "1.5" or "www.abc.vn" whole, and a search for "abc" would miss.
            rows = [(pk, *(" ".join(terms.index_words(t)) for t in texts)) for pk, *texts in rows]
            cursor.executemany(
                f"INSERT INTO {TABLE} (product_id, doc) VALUES (%s, "
                "setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B') || "
                "setweight(to_tsvector('simple', %s), 'D'))",
                rows,
            )
        else:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, name, producer, body) VALUES (%s, %s, %s, %s)",
                rows,
            )


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")


def ids(plan: terms.Plan, field: str = "") -> RawSQL:
    """The ids of the products whose text matches the plan (in ``field``, "name" or
    "producer", when given), as a subquery: ``Entry.objects.filter(pk__in=ids(plan))``."""
    if _postgres():
        weight = {"": "", "name": "A", "producer": "B"}[field]
        return RawSQL(
            f"SELECT product_id FROM {TABLE} WHERE doc @@ to_tsquery('simple', %s)",
            [terms.tsquery(plan, weight)],
        )
    return RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [terms.fts5(plan, field)])
