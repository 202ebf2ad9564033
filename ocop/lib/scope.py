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

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

# Rows reached only through a relation written into a query as a list, up to this many.
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
        # Several paths, some through a relation: "the producer's commune in X, or the commune
        # that received the dossier in X". As one WHERE across a JOIN no index serves the OR,
        # and every row is read, on each query of a page. Almost every row the relation finds
        # is also found by the direct paths (a producer files where it is), so the relation is
        # read once, for the rows the direct paths miss (producers who moved), and those few
        # keys are written into the query: the OR is then between indexed columns of one
        # table. Past KEYS_INLINE such rows, or with no direct path, a subquery of keys.
        direct = Q()
        for path, ids in self.paths:
            if "__" not in path:
                direct |= Q(**{f"{path}__in": ids})
        q = direct
        for path, ids in self.paths:
            if "__" not in path:
                continue
            reached = queryset.model._base_manager.filter(**{f"{path}__in": ids})
            if not direct:
                q |= Q(pk__in=reached.values("pk"))
                continue
            missed = list(reached.exclude(direct).values_list("pk", flat=True)[: KEYS_INLINE + 1])
            if len(missed) > KEYS_INLINE:
                q |= Q(pk__in=reached.values("pk"))
            elif missed:
                q |= Q(pk__in=missed)
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
    """The one way a view fetches a private object: 404 when it lies outside ``scope``.

    The lookup (a unique code) finds the row first; the scope is then checked on that row
    as one condition, so the reading of a list's scope (``Scope.filter``) is not paid here."""
    return get_object_or_404(queryset.filter(**lookup).filter(scope.q()))
