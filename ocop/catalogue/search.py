"""Catalogue search: a query (text and filters, from a page's or the API's parameters), the
matching entries a page at a time, and a count beside every filter value.

The counts are "what you would get if you chose this value": each filter's counts apply every
other filter but its own (a visitor who chose 4★ still sees how many 3★ and 5★ there are).
They come from one grouped query over the matching entries (``_combos``: one row per place,
classification, stars and producer type), summed in Python; without text that query is kept
in the shared cache until the index changes (``index.version``). The page's rows come from a
second query, sorted and cut in the database. See ``fulltext`` for the text match and
``terms`` for typos.
"""

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.catalogue import fulltext, index, terms
from ocop.catalogue.classification import Classification, classification
from ocop.catalogue.models import Entry, Word
from ocop.certificates.enums import State
from ocop.places.models import Commune, Province
from ocop.producers.enums import LegalType

PAGE_SIZE = 24
MAX_PAGE = 100_000
SORTS = ("relevance", "stars", "newest")
STARS = (5, 4, 3)
COMBOS_SECONDS = 300
# Up to this many matching entries, relevance is sorted in Python from the names (one
# narrow query) rather than by asking the full-text index again for each column.
SORT_IN_PYTHON = 1000


@dataclass(frozen=True)
class Query:
    q: str = ""
    province: str = ""  # a province's code, "01"
    commune: str = ""  # a commune's code, "00004"
    klass: str = ""  # a sector, group or product set code: "I", "I.1", "I.1.a"
    stars: int = 0
    producer_type: str = ""  # producers.enums.LegalType
    everything: bool = False  # also expired and revoked certificates
    sort: str = "relevance"
    page: int = 1


# The parameter names in the catalogue's URLs (Vietnamese, short) and in the API (English).
PAGE_NAMES = {
    "q": "q",
    "province": "tinh",
    "commune": "xa",
    "klass": "nhom",
    "stars": "sao",
    "producer_type": "loai",
    "everything": "tat_ca",
    "sort": "sap_xep",
    "page": "trang",
}
API_NAMES = {
    "q": "q",
    "province": "province",
    "commune": "commune",
    "klass": "classification",
    "stars": "stars",
    "producer_type": "producer_type",
    "everything": "include_ended",
    "sort": "sort",
    "page": "page",
}


def is_number(text: str) -> bool:
    """ASCII digits only: ``"²".isdigit()`` is true, and ``int("²")`` raises."""
    return text.isascii() and text.isdecimal()


def parse(data, names: dict[str, str]) -> tuple[Query, list[str]]:
    """A query from request parameters; what could not be read is said in ``problems`` (the
    query then keeps a value that matches nothing, so the result is empty, not wrong)."""
    problems: list[str] = []

    def text(key: str, limit: int) -> str:
        return str(data.get(names[key], "") or "").strip()[:limit]

    q = str(data.get(names["q"], "") or "")
    if len(q) > terms.MAX_CHARS:
        problems.append(
            _("Từ khóa quá dài: chỉ tìm theo %(n)s ký tự đầu.") % {"n": terms.MAX_CHARS}
        )
    stars_text = text("stars", 3)
    stars = 0
    if stars_text:
        stars = int(stars_text) if is_number(stars_text) else -1
        if stars not in STARS:
            problems.append(_("Số sao chỉ có thể là 3, 4 hoặc 5."))
            stars = -1
    producer_type = text("producer_type", 40)
    if producer_type and producer_type not in LegalType.values:
        problems.append(_("Không có loại hình chủ thể «%(v)s».") % {"v": producer_type})
    sort = text("sort", 20) or "relevance"
    if sort not in SORTS:
        sort = "relevance"
    page_text = text("page", 12)
    page = 1
    if page_text:
        if is_number(page_text) and 1 <= int(page_text) <= MAX_PAGE:
            page = int(page_text)
        else:
            problems.append(
                _("Số trang «%(v)s» không hợp lệ: đang xem trang 1.") % {"v": page_text}
            )
    everything = text("everything", 5).lower() in {"1", "true", "on", "yes", "co"}
    query = Query(
        q=q[: terms.MAX_CHARS].strip(),
        province=text("province", 8),
        commune=text("commune", 8),
        klass=text("klass", 16),
        stars=stars,
        producer_type=producer_type,
        everything=everything,
        sort=sort,
        page=page,
    )
    return query, problems


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    key: str  # the Query field it sets
    label: str
    options: list[Option]
    # Filled by ``views``: the page URL for each option.
    urls: dict = field(default_factory=dict)


@dataclass
class Result:
    query: Query
    entries: list[Entry]
    total: int
    page: int
    pages: int
    facets: list[Facet]
    problems: list[str]
    plan: terms.Plan | None = None
    loose: bool = False  # found only with typo corrections (``terms.plan(loose=True)``)


# --- the words a typo may be corrected to ----------------------------------------------
_vocabulary: dict = {}


def vocabulary() -> frozenset[str]:
    current = index.version()
    if _vocabulary.get("version") != current:
        _vocabulary["words"] = frozenset(Word.objects.values_list("word", flat=True))
        _vocabulary["version"] = current
    return _vocabulary["words"]


def forget(**kwargs) -> None:
    """Drop what this process keeps (the places were loaded again; tests)."""
    _vocabulary.clear()
    _province_ids.clear()
    _province_rows.clear()


# --- filters ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    """The query's filters as database values; ``impossible`` when one names nothing."""

    province_id: int | None = None
    commune_id: int | None = None
    klass_level: str = ""  # "sector", "group", "product_set"
    klass: str = ""
    stars: int = 0
    producer_type: str = ""
    impossible: bool = False


def _filters(query: Query, tree: Classification, problems: list[str]) -> Filters:
    impossible = query.stars == -1 or (
        bool(query.producer_type) and query.producer_type not in LegalType.values
    )
    province_id = commune_id = None
    if query.province:
        province_id = _provinces().get(query.province)
        if province_id is None:
            problems.append(_("Không có tỉnh, thành phố mã «%(v)s».") % {"v": query.province})
            impossible = True
    if query.commune:
        found = Commune.objects.filter(code=query.commune).values_list("pk", "province_id").first()
        if found is None or (province_id is not None and found[1] != province_id):
            problems.append(
                _("Không có xã, phường, đặc khu mã «%(v)s» trong tỉnh đã chọn.")
                % {"v": query.commune}
            )
            impossible = True
        else:
            commune_id, province_id = found
    level = ""
    if query.klass:
        level = tree.level(query.klass)
        if not level:
            problems.append(
                _("Không có ngành, nhóm hay bộ sản phẩm mã «%(v)s».") % {"v": query.klass}
            )
            impossible = True
    return Filters(
        province_id=province_id,
        commune_id=commune_id,
        klass_level=level,
        klass=query.klass,
        stars=max(query.stars, 0),
        producer_type=query.producer_type,
        impossible=impossible,
    )


_province_ids: dict[str, int] = {}  # code -> id
_province_rows: dict[int, tuple[str, str]] = {}  # id -> (code, name)


def _provinces() -> dict[str, int]:
    if not _province_ids:
        for pk, code, name in Province.objects.values_list("pk", "code", "name"):
            _province_ids[code] = pk
            _province_rows[pk] = (code, name)
    return _province_ids


def _in_scope(query: Query, today: dt.date) -> QuerySet:
    entries = Entry.objects.filter(valid_from__lte=today)
    if query.everything:
        return entries
    return entries.filter(cert_state=State.ACTIVE, last_day__gte=today)


def _apply(entries: QuerySet, f: Filters) -> QuerySet:
    """Every filter of ``f``."""
    if f.province_id is not None:
        entries = entries.filter(province_id=f.province_id)
    if f.commune_id is not None:
        entries = entries.filter(commune_id=f.commune_id)
    if f.klass_level:
        entries = entries.filter(**{f.klass_level: f.klass})
    if f.stars:
        entries = entries.filter(stars=f.stars)
    if f.producer_type:
        entries = entries.filter(legal_type=f.producer_type)
    return entries


# One grouped row: province id, commune id (only within the chosen province, else 0),
# product set, stars, producer type, count. The sector and group follow from the set.
Combo = tuple[int, int, str, int, str, int]


def _combos(entries: QuerySet, province_id: int | None) -> list[Combo]:
    """Every entry of ``entries`` counted once, grouped: the one pass over the matching
    entries that all the counts come from (the chosen province's communes too)."""
    commune = (
        Case(When(province_id=province_id, then=F("commune_id")), default=Value(0))
        if province_id is not None
        else Value(0)
    )
    fields = ("province_id", "commune_key", "product_set", "stars", "legal_type")
    return list(
        entries.order_by()
        .annotate(commune_key=commune)
        .values_list(*fields)
        .annotate(n=Count("id"))
        .values_list(*fields, "n")
    )


def _combos_kept(query: Query, plan: terms.Plan | None, f: Filters, entries, today) -> list:
    """``_combos``, kept in the shared cache until the index changes or the day does: the
    same search again (the next page, another sort, the first page without text) reads no
    entry."""
    text = terms.fts5(plan) if plan else ""
    key = (
        "ocop:catalogue:combos:"
        + hashlib.sha256(
            f"{text}|{int(query.everything)}|{f.province_id}|{today}|{index.version()}".encode()
        ).hexdigest()
    )
    found = cache.get(key)
    if found is None:
        found = _combos(entries, f.province_id)
        cache.set(key, found, COMBOS_SECONDS)
    return found


class _Tree:
    """The sector and group of each product set code, for the counts."""

    def __init__(self, tree: Classification):
        self.tree = tree
        self.memo: dict[str, tuple[str, str]] = {}

    def of(self, product_set: str) -> tuple[str, str]:
        found = self.memo.get(product_set)
        if found is None:
            path = self.tree.path(product_set)
            if len(path) >= 2:
                found = (path[0], path[1])
            else:
                parts = product_set.split(".")
                found = (parts[0], ".".join(parts[:2]))
            self.memo[product_set] = found
        return found


def _passes(combo: Combo, f: Filters, but: str, tree: _Tree) -> bool:
    """Whether a group passes every filter but ``but`` (the commune's counts keep the
    province: they are counted only within it)."""
    province_id, commune, product_set, stars, legal_type, _n = combo
    kept_in_province = but == "commune" or (but != "province" and f.province_id is not None)
    if kept_in_province and province_id != f.province_id:
        return False
    if but not in {"province", "commune"} and f.commune_id is not None and commune != f.commune_id:
        return False
    if but != "klass" and f.klass_level:
        if f.klass_level == "product_set":
            if product_set != f.klass:
                return False
        elif tree.of(product_set)[0 if f.klass_level == "sector" else 1] != f.klass:
            return False
    if but != "stars" and f.stars and stars != f.stars:
        return False
    return not (but != "producer_type" and f.producer_type and legal_type != f.producer_type)


def _count(combos: list[Combo], f: Filters, but: str, key, tree: _Tree) -> Counter:
    counts: Counter = Counter()
    for combo in combos:
        if _passes(combo, f, but, tree):
            counts[key(combo)] += combo[5]
    return counts


def _facets(query: Query, f: Filters, combos: list[Combo], tree: Classification) -> list[Facet]:
    sets = _Tree(tree)
    facets = []
    provinces = _count(combos, f, "province", lambda c: c[0], sets)
    _provinces()
    facets.append(
        Facet(
            "province",
            _("Tỉnh, thành phố"),
            sorted(
                (
                    Option(*_province_rows[pk], n, pk == f.province_id)
                    for pk, n in provinces.items()
                    if pk in _province_rows
                ),
                key=lambda o: o.label,
            ),
        )
    )
    if f.province_id is not None:
        communes = _count(combos, f, "commune", lambda c: c[1], sets)
        rows = Commune.objects.filter(pk__in=list(communes)).values_list("pk", "code", "name")
        facets.append(
            Facet(
                "commune",
                _("Xã, phường, đặc khu"),
                sorted(
                    (
                        Option(code, name, communes[pk], pk == f.commune_id)
                        for pk, code, name in rows
                    ),
                    key=lambda o: o.label,
                ),
            )
        )
    facets.append(_classification_facet(query, f, combos, tree, sets))
    stars = _count(combos, f, "stars", lambda c: c[3], sets)
    facets.append(
        Facet(
            "stars",
            _("Hạng sao"),
            [
                Option(str(s), _("%(n)s sao") % {"n": s}, stars[s], s == f.stars)
                for s in STARS
                if stars[s] or s == f.stars
            ],
        )
    )
    types = _count(combos, f, "producer_type", lambda c: c[4], sets)
    facets.append(
        Facet(
            "producer_type",
            _("Loại hình chủ thể"),
            [
                Option(value, str(label), types[value], value == f.producer_type)
                for value, label in LegalType.choices
                if types[value] or value == f.producer_type
            ],
        )
    )
    return facets


def _classification_facet(
    query: Query, f: Filters, combos: list[Combo], tree: Classification, sets: _Tree
) -> Facet:
    """Sectors; once a sector is chosen its groups; once a group is chosen its product sets."""
    by_set = _count(combos, f, "klass", lambda c: c[2], sets)
    counts: dict[str, Counter] = {"sector": Counter(), "group": Counter(), "product_set": by_set}
    for product_set, n in by_set.items():
        sector, group = sets.of(product_set)
        counts["sector"][sector] += n
        counts["group"][group] += n
    chosen = query.klass if f.klass_level else ""
    options = [
        Option(code, name, counts[level][code], code == chosen)
        for level, code, name in tree.choices(chosen)
        if counts[level][code] or code == chosen
    ]
    return Facet("klass", _("Ngành, nhóm sản phẩm"), options)


def _ordered(entries: QuerySet, query: Query, plan: terms.Plan | None) -> QuerySet:
    # The last key is the id, so both orders are an index walked backwards (``Entry.Meta``).
    if query.sort == "newest":
        return entries.order_by("-decided_on", "-stars", "-id")
    best = ("-stars", "-decided_on", "-id")
    if query.sort == "stars" or plan is None:
        return entries.order_by(*best)
    # Relevance: the name matched, else the producer's name, else the rest; then stars.
    tier = Case(
        When(pk__in=fulltext.ids(plan, "name"), then=Value(0)),
        When(pk__in=fulltext.ids(plan, "producer"), then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return entries.annotate(tier=tier).order_by("tier", *best)


def _page(ordered: QuerySet, start: int, size: int) -> list[Entry]:
    """The page's ids in order (an index walk, nothing joined), then their rows."""
    ids = list(ordered.values_list("id", flat=True)[start : start + size])
    found = Entry.objects.select_related("province", "commune").in_bulk(ids)
    return [found[i] for i in ids]


def _page_by_name(entries: QuerySet, plan: terms.Plan, start: int, size: int) -> list[Entry]:
    """``_ordered``'s relevance, computed here: the name matched, else the producer's name,
    else the rest; then stars, the newest decision, the id."""
    found = entries.values_list("id", "name", "producer_name", "stars", "decided_on")

    def key(row):
        pk, name, producer, stars, decided = row
        tier = 0 if terms.matches(plan, name) else 1 if terms.matches(plan, producer) else 2
        return (tier, -stars, -decided.toordinal(), -pk)

    ids = [row[0] for row in sorted(found, key=key)[start : start + size]]
    rows = Entry.objects.select_related("province", "commune").in_bulk(ids)
    return [rows[i] for i in ids]


def _matching(query: Query, f: Filters, today: dt.date):
    """The entries the text matches (all in scope without text), their combos, and the plan
    that found them: the exact plan, or the loose one when only it finds something."""
    scope = _in_scope(query, today)
    typed = terms.words(query.q)
    if not typed:
        return scope, _combos_kept(query, None, f, scope, today), None, False
    known = vocabulary()
    plan = terms.plan(typed, known)
    entries = scope.filter(id__in=fulltext.ids(plan))
    combos = _combos_kept(query, plan, f, entries, today)
    # Corrected only when the text as typed finds nothing at all, whatever the filters: the
    # counts beside the filters then say what choosing them gives.
    if not combos:
        wider = terms.plan(typed, known, loose=True)
        if wider != plan:
            wider_entries = scope.filter(id__in=fulltext.ids(wider))
            wider_combos = _combos_kept(query, wider, f, wider_entries, today)
            if wider_combos:
                return wider_entries, wider_combos, wider, True
    return entries, combos, plan, False


def check(query: Query) -> list[str]:
    """What in the query's filters names nothing (an unknown province, commune, group)."""
    problems: list[str] = []
    _filters(query, classification(), problems)
    return problems


def filtered(query: Query) -> QuerySet:
    """Every entry the query keeps (text and filters), unsorted: the open-data files."""
    problems: list[str] = []
    f = _filters(query, classification(), problems)
    if f.impossible:
        return Entry.objects.none()
    entries, _combos_found, _plan, _loose = _matching(query, f, timezone.localdate())
    return _apply(entries, f)


def run(query: Query, problems: list[str] | None = None, *, page_size: int = PAGE_SIZE) -> Result:
    problems = list(problems or [])
    today = timezone.localdate()
    tree = classification()
    f = _filters(query, tree, problems)
    if f.impossible:
        return Result(query, [], 0, 1, 1, _empty_facets(query, tree), problems)
    entries, combos, plan, loose = _matching(query, f, today)
    sets = _Tree(tree)
    total = sum(c[5] for c in combos if _passes(c, f, "", sets))
    pages = max(1, -(-total // page_size))
    page = min(query.page, pages)
    if query.page > pages and total:
        problems.append(
            _("Không có trang %(asked)s: kết quả chỉ có %(pages)s trang.")
            % {"asked": query.page, "pages": pages}
        )
    start = (page - 1) * page_size
    rows: list[Entry] = []
    if total and plan is not None and query.sort == "relevance" and total <= SORT_IN_PYTHON:
        rows = _page_by_name(_apply(entries, f), plan, start, page_size)
    elif total:
        rows = _page(_ordered(_apply(entries, f), query, plan), start, page_size)
    facets = _facets(query, f, combos, tree)
    return Result(query, rows, total, page, pages, facets, problems, plan, loose)


def _empty_facets(query: Query, tree: Classification) -> list[Facet]:
    return _facets(replace(query, klass=""), Filters(), [], tree)
