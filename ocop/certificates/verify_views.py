"""The public verification page behind the QR code (``/v/<code>``): what the label promises
and one big status a person reads at a glance. No JavaScript, one small stylesheet, the
product's photo as issued (200 px): under 30 KB on a 3G phone.

Rendered pages are cached for a minute (``public.MAX_AGE``) in the shared cache and may be
kept as long by browsers and proxies; the actions that change a certificate drop its pages
at once (``public.forget``), so a revocation shows within a minute everywhere and at once
here. An unknown code gets a "not found" page with whom to contact, never an error."""

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from ocop.certificates import public
from ocop.certificates.enums import IN_FORCE, CaseState, State, Status
from ocop.certificates.models import Certificate
from ocop.legal.validity import renewal_window
from ocop.lib.codes import ALPHABET

MAX_CODE = 16


def _language(request) -> str:
    """``?lang=en`` (a link on the page: no form, no cookie), else the visitor's choice."""
    wanted = request.GET.get("lang", "")
    if wanted in {code for code, _name in settings.LANGUAGES}:
        return wanted
    return translation.get_language()


def _clean(code: str) -> str:
    code = code.strip().upper()
    if len(code) > MAX_CODE or any(c not in ALPHABET for c in code):
        return ""
    return code


def status_context(cert: Certificate) -> dict:
    """What ``certificates/_status_words.html`` needs: the status in the words of this page
    (the public catalogue shows it the same way)."""
    today = timezone.localdate()
    status = cert.status(today)
    current = cert.current()
    case = None
    if cert.state == State.REVOKED:
        case = cert.revocations.filter(state=CaseState.REVOKED).first()
    return {
        "cert": cert,
        "status": status,
        "status_label": Status(status).label,
        "in_force": status in IN_FORCE,
        "days_left": (cert.expires_on - today).days,
        "renewal_closes": renewal_window(cert.expires_on)[1],
        "current": current if current.pk != cert.pk else None,
        "case": case,
        "star_range": range(cert.stars),
        "empty_stars": range(5 - cert.stars),
        "contact": _contact(),
    }


def _contact() -> dict:
    return {
        "name": settings.OCOP_CONTACT_NAME,
        "phone": settings.OCOP_CONTACT_PHONE,
        "email": settings.OCOP_CONTACT_EMAIL,
    }


def _find(code: str) -> Certificate | None:
    """One query by the unique code, without the model's ordering (``first()`` would sort)."""
    if not code:
        return None
    try:
        return Certificate.objects.select_related("instrument").get(code=code)
    except Certificate.DoesNotExist:
        return None


@require_safe
def verify(request, code: str):
    code = _clean(code)
    language = _language(request)
    key = public.cache_key(code or "-", language)
    cached = cache.get(key)
    if cached is None:
        with translation.override(language):
            cert = _find(code)
            if cert is None:
                html = render_to_string(
                    "certificates/verify_unknown.html",
                    {"code": code, "contact": _contact(), "language": language},
                )
                cached = (404, html)
            else:
                html = render_to_string(
                    "certificates/verify.html", {**status_context(cert), "language": language}
                )
                cached = (200, html)
        if code:
            cache.set(key, cached, public.MAX_AGE)
    status_code, html = cached
    response = HttpResponse(html, status=status_code)
    response["Cache-Control"] = f"public, max-age={public.MAX_AGE}"
    patch_vary_headers(response, ["Cookie"])  # the language chosen on the site
    return response


@require_safe
def photo(request, code: str):
    """The product's photo as kept with the certificate (public, like the page)."""
    cert = Certificate.objects.filter(code=_clean(code) or "-").only("photo", "code").first()
    if cert is None or not cert.photo:
        raise Http404
    response = FileResponse(cert.photo.open("rb"), content_type="image/webp")
    response["Cache-Control"] = "public, max-age=86400"  # never changes: issued once
    response["X-Content-Type-Options"] = "nosniff"
    return response
