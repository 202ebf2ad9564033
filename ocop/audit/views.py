from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from ocop.accounts import rules
from ocop.audit.models import AuditEntry
from ocop.audit.verbs import VERBS


@login_required
def log(request):
    """The whole audit log, newest first, for central officers and admins."""
    if not rules.can_view_audit_log(request.user):
        raise Http404
    entries = AuditEntry.objects.select_related("actor")
    verb = request.GET.get("verb", "")
    if verb in VERBS:
        entries = entries.filter(verb=verb)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {"page": page, "verbs": [(k, str(v)) for k, v in VERBS.items()], "verb": verb},
    )
