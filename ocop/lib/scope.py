"""Who sees which private objects, defined once and read two ways.

A ``Scope`` lists the foreign-key paths by which a user reaches objects (``commune_id`` in
the communes they serve, ``producer__commune__province_id`` in their provinces…). The same
paths make the query filter of every list (``filter``) and the check on one object
(``covers``), so a list and a page can never disagree. Views fetch a private object only
through ``get_in_scope_or_404``: outside the scope it does not exist (404, not 403).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

# On PostgreSQL, related keys up to this many are written into the query as a list (a
# commune's producers, measured faster); more (a province's), a subquery.
KEYS_INLINE = 1_000


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    paths: tuple[tuple[str, frozenset[Any]], ...] = ()

    @classmethod
    def all(cls) -> "Scope":
        return cls(everything=True)

    @classmethod
    def of(cls, **paths: Iterable[Any]) -> "Scope":
        """``Scope.of(commune_id={3, 4}, producer_id={9})``; empty sets are dropped."""
        return cls(paths=tuple((p, frozenset(ids)) for p, ids in paths.items() if ids))

    def through(self, relation: str) -> "Scope":
        """The same scope seen from an object that points to this one by ``relation``."""
        return Scope(self.everything, tuple((f"{relation}__{p}", ids) for p, ids in self.paths))

    def __or__(self, other: "Scope") -> "Scope":
        return Scope(self.everything or other.everything, self.paths + other.paths)

    @property
    def empty(self) -> bool:
        return not self.everything and not self.paths

    def q(self) -> Q:
        if self.everything:
            return Q()
        if not self.paths:
            return Q(pk__in=[])
        q = Q()
        for path, ids in self.paths:
            q |= Q(**{f"{path}__in": ids})
        return q

    def filter(self, queryset: QuerySet) -> QuerySet:
        if self.everything:
            return queryset
        if not self.paths:
            return queryset.none()
        if len(self.paths) == 1 or all("__" not in path for path, _ids in self.paths):
            return queryset.filter(self.q())
        # Several paths, some through a relation ("producer's commune in X OR own commune in
        # X"): as one WHERE over a JOIN, no index serves the OR and every row is read. Each
        # path through a relation becomes a subquery of the related keys, so the OR is between
        # two columns of this table: SQLite reads each by its index. PostgreSQL scans the table
        # for an OR with a subquery, so there a few related keys (a commune's producers) are
        # read first and written as a list, and it combines the two indexes (BitmapOr).
        inline = connections[queryset.db].vendor == "postgresql"
        q = Q()
        for path, ids in self.paths:
            head, _sep, rest = path.partition("__")
            if not rest:
                q |= Q(**{f"{path}__in": ids})
                continue
            field = queryset.model._meta.get_field(head)
            related = field.related_model._base_manager.filter(**{f"{rest}__in": ids})
            keys = list(related.values_list("pk", flat=True)[: KEYS_INLINE + 1]) if inline else []
            if inline and len(keys) <= KEYS_INLINE:
                q |= Q(**{f"{field.attname}__in": keys})
            else:
                q |= Q(**{f"{field.attname}__in": related.values("pk")})
        return queryset.filter(q)

    def covers(self, obj: object) -> bool:
        if self.everything:
            return True
        return any(_follow(obj, path) in ids for path, ids in self.paths)


def _follow(obj: object, path: str) -> object:
    for name in path.split("__"):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


def get_in_scope_or_404(queryset: QuerySet, scope: Scope, **lookup: Any) -> Any:
    """The one way a view fetches a private object: 404 when it lies outside ``scope``."""
    return get_object_or_404(scope.filter(queryset), **lookup)
