import json

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from ocop.criteria import engine, messages, queries, serialize
from ocop.lib.apierror import ApiError

router = Router(tags=["criteria"])

# The largest sheet has 35 leaf criteria: a body with more answers than this is not a sheet.
MAX_ANSWERS = 200


class EvaluateIn(Schema):
    answers: dict[str, str]


class ProductSetOut(Schema):
    number: int
    code: str
    name: str


class SetOut(Schema):
    code: str
    instrument: str
    product_set: ProductSetOut
    name: str


class UnmetOut(Schema):
    criterion: str
    required_star: int
    required_points: int | float
    chosen_points: int | float


class UpgradeOut(Schema):
    criterion: str
    from_option: str | None
    to_option: str
    gain: int | float


class NextStarOut(Schema):
    stars: int
    points_needed: int | float
    reachable: bool
    unmet_minimums: list[UnmetOut]
    upgrades: list[UpgradeOut]


class ResultOut(Schema):
    total: int | float
    parts: dict[str, int | float]
    band_stars: int
    stars: int
    certifiable: bool
    unmet_minimums: list[UnmetOut]
    unanswered: list[str]
    next_star: NextStarOut | None


class ErrorOut(Schema):
    detail: str
    code: str | None = None


def _get_set(code: str):
    cs = queries.memo_set(code)
    if cs is None:
        code = messages.clip(code)
        raise ApiError(404, _("Không có bộ tiêu chí mã %(code)s.") % {"code": code}, code)
    return cs


def _json(build, key) -> HttpResponse:
    """A JSON body built once per process from the published sets (they never change)."""
    body = queries.memo_derived(key, lambda: json.dumps(build()).encode())
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _duplicate_criterion(body: bytes) -> str | None:
    """The first criterion answered twice in the raw JSON (a dict would keep only one).

    Linear in the number of keys: each object's keys go through a set once."""
    found = []

    def hook(pairs):
        if not found:
            seen = set()
            for key, _value in pairs:
                if key in seen:
                    found.append(key)
                    break
                seen.add(key)
        return dict(pairs)

    try:
        json.loads(body or b"{}", object_pairs_hook=hook)
    except ValueError:
        return None
    return found[0] if found else None


@router.get("/criteria-sets", response=list[SetOut], summary="Các bộ tiêu chí đánh giá")
def list_sets(request):
    """The published criteria sets (one per product set and legal instrument)."""
    return _json(lambda: [serialize.summary(cs) for cs in queries.memo_sets()], "list")


@router.get("/criteria-sets/{code}", response={200: dict, 404: ErrorOut}, summary="Một bộ tiêu chí")
def get_set(request, code: str):
    """Parts → criteria → options with points and star minimums (`min_star` 3/4/5 or null)."""
    cs = _get_set(code)
    return _json(lambda: serialize.detail(cs), ("detail", code))


@router.post(
    "/criteria-sets/{code}/evaluate",
    response={200: ResultOut, 404: ErrorOut, 422: ErrorOut},
    summary="Chấm điểm thử một phiếu",
)
def evaluate(request, code: str, payload: EvaluateIn):
    """Score answers `{leaf criterion code: option code}`; unanswered leaves score 0."""
    cs = _get_set(code)
    if len(payload.answers) > MAX_ANSWERS:
        raise ApiError(
            422,
            _("Quá nhiều câu trả lời (%(n)s); một phiếu có tối đa %(max)s tiêu chí.")
            % {"n": len(payload.answers), "max": MAX_ANSWERS},
            "too_many_answers",
        )
    duplicate = _duplicate_criterion(request.body)
    if duplicate:
        duplicate = messages.clip(duplicate)
        raise ApiError(
            422,
            _("Tiêu chí %(code)s được chọn hai phương án; mỗi tiêu chí chỉ chọn một.")
            % {"code": duplicate},
            duplicate,
        )
    try:
        result = engine.evaluate(cs.sheet(), payload.answers)
    except engine.EvaluationError as exc:
        raise ApiError(422, messages.evaluation_error(exc), messages.clip(exc.code)) from None
    # Encoded here: the engine's result has the shape of ResultOut (tests/criteria/test_api.py
    # checks it against the schema), and validating it again on every call cost a fifth.
    body = json.dumps(serialize.result(result)).encode()
    return HttpResponse(body, content_type="application/json; charset=utf-8")
