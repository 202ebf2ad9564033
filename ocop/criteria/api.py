import json

from django.utils.translation import gettext as _
from ninja import Router, Schema

from ocop.criteria import engine, messages, queries, serialize
from ocop.lib.apierror import ApiError

router = Router(tags=["criteria"])


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
    cs = queries.published_sets().filter(code=code).first()
    if cs is None:
        raise ApiError(404, _("Không có bộ tiêu chí mã %(code)s.") % {"code": code}, code)
    return cs


def _duplicate_criterion(body: bytes) -> str | None:
    """The first criterion answered twice in the raw JSON (a dict would keep only one)."""
    found = []

    def hook(pairs):
        keys = [k for k, _v in pairs]
        found.extend(k for k in keys if keys.count(k) > 1)
        return dict(pairs)

    try:
        json.loads(body or b"{}", object_pairs_hook=hook)
    except ValueError:
        return None
    return found[0] if found else None


@router.get("/criteria-sets", response=list[SetOut], summary="Các bộ tiêu chí đánh giá")
def list_sets(request):
    """The published criteria sets (one per product set and legal instrument)."""
    return [serialize.summary(cs) for cs in queries.published_sets()]


@router.get("/criteria-sets/{code}", response={200: dict, 404: ErrorOut}, summary="Một bộ tiêu chí")
def get_set(request, code: str):
    """Parts → criteria → options with points and star minimums (`min_star` 3/4/5 or null)."""
    return serialize.detail(_get_set(code))


@router.post(
    "/criteria-sets/{code}/evaluate",
    response={200: ResultOut, 404: ErrorOut, 422: ErrorOut},
    summary="Chấm điểm thử một phiếu",
)
def evaluate(request, code: str, payload: EvaluateIn):
    """Score answers `{leaf criterion code: option code}`; unanswered leaves score 0."""
    cs = _get_set(code)
    duplicate = _duplicate_criterion(request.body)
    if duplicate:
        raise ApiError(
            422,
            _("Tiêu chí %(code)s được chọn hai phương án; mỗi tiêu chí chỉ chọn một.")
            % {"code": duplicate},
            duplicate,
        )
    try:
        result = engine.evaluate(cs.sheet(), payload.answers)
    except engine.EvaluationError as exc:
        raise ApiError(422, messages.evaluation_error(exc), exc.code) from None
    return serialize.result(result)
