"""The words for an answer the engine refuses, in one place for the pages, the API and the
dossier actions."""

from django.utils.translation import gettext as _

from ocop.criteria import engine


def evaluation_error(exc: engine.EvaluationError) -> str:
    if isinstance(exc, engine.TwoCasesAnswered):
        return _("Tiêu chí %(code)s chỉ được chọn một trong hai trường hợp.") % {"code": exc.code}
    if isinstance(exc, engine.UnknownCriterion):
        return _("Không có tiêu chí %(code)s trong bộ này.") % {"code": exc.code}
    if isinstance(exc, engine.UnknownOption):
        return _("Phương án %(code)s không thuộc tiêu chí đã chọn.") % {"code": exc.code}
    return _("Câu trả lời không hợp lệ: %(code)s.") % {"code": exc.code}
