"""The words for an answer the engine refuses, in one place for the pages, the API and the
dossier actions."""

from django.utils.translation import gettext as _

from ocop.criteria import engine

CLIP = 40  # characters of a code echoed back: a criterion code is a few, a hostile key megabytes


def clip(code: str) -> str:
    """A code as it may be echoed in a message: at most ``CLIP`` characters."""
    return code if len(code) <= CLIP else code[: CLIP - 1] + "…"


def evaluation_error(exc: engine.EvaluationError) -> str:
    if isinstance(exc, engine.TwoCasesAnswered):
        return _("Tiêu chí %(code)s chỉ được chọn một trong hai trường hợp.") % {
            "code": clip(exc.code)
        }
    if isinstance(exc, engine.UnknownCriterion):
        return _("Không có tiêu chí %(code)s trong bộ này.") % {"code": clip(exc.code)}
    if isinstance(exc, engine.UnknownOption):
        return _("Phương án %(code)s không thuộc tiêu chí đã chọn.") % {"code": clip(exc.code)}
    return _("Câu trả lời không hợp lệ: %(code)s.") % {"code": clip(exc.code)}
