"""The one versioned JSON API, /api/v1/, with its OpenAPI document and human docs."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from ocop.catalogue.api import router as catalogue_router
from ocop.criteria.api import router as criteria_router
from ocop.evaluation.api import router as evaluation_router
from ocop.lib.apierror import ApiError
from ocop.places.api import router as places_router

api = NinjaAPI(
    title="OCOP Platform API",
    version="1",
    description="Dữ liệu mở của Chương trình OCOP. Open data of the OCOP programme.",
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(ApiError)
def api_error(request, exc: ApiError):
    body = {"detail": exc.detail}
    if exc.code is not None:
        body["code"] = exc.code
    return api.create_response(request, body, status=exc.status)


@api.exception_handler(AuthenticationError)
def not_signed_in(request, exc: AuthenticationError):  # the session routes (django_auth)
    return api.create_response(
        request, {"detail": _("Hãy đăng nhập để dùng chức năng này."), "code": "login"}, status=401
    )


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc: RequestDataTooBig):  # a body over DATA_UPLOAD_MAX_MEMORY_SIZE
    limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return api.create_response(
        request,
        {
            "detail": _("Dữ liệu gửi lên quá lớn (tối đa %(size)s).") % {"size": limit},
            "code": "too_large",
        },
        status=413,
    )


@api.exception_handler(Exception)
def unexpected_error(request, exc: Exception):  # never a stack trace to API users
    import logging

    logging.getLogger("ocop.api").exception("API error")
    return api.create_response(
        request, {"detail": _("Lỗi máy chủ. Vui lòng thử lại sau.")}, status=500
    )


api.add_router("/", places_router)
api.add_router("/", criteria_router)
api.add_router("/", evaluation_router)
api.add_router("/", catalogue_router)
