"""Post-certification inspections (Điều 9): the office's list (planned and concluded
inspections, overdue follow-ups), the plan form, one inspection's page with a form per
product for each step, and its photos. Who: the office of the inspection's province and
central officers (``rules.office_scope``); anything else answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.audit.models import AuditEntry
from ocop.certificates import inspection_revocation, queries, rules
from ocop.certificates import inspections as actions
from ocop.certificates.enums import InspectionState
from ocop.certificates.errors import CertificateError
from ocop.certificates.inspection_forms import (
    AddCertificatesForm,
    ConcludeForm,
    DoneForm,
    FindingForm,
    FollowUpForm,
    PhotoForm,
    PlanForm,
    ResultForm,
    certificate_label,
)
from ocop.certificates.models import (
    FollowUp,
    Inspection,
    InspectionItem,
    InspectionPhoto,
    Revocation,
)
from ocop.lib import uploads
from ocop.lib.scope import get_in_scope_or_404
from ocop.lib.text import fold

PAGE_SIZE = 50
SHOWN = 200  # certificates listed on the plan form at once; a search narrows the list
STARS = (3, 4, 5)


def _first_error(form) -> str:
    for errors in form.errors.values():
        return " ".join(errors)
    return _("Hãy kiểm tra lại thông tin đã nhập.")


# --- the list ----------------------------------------------------------------------------


@login_required
def inspections(request):
    if not rules.is_office(request.user):
        raise Http404
    today = timezone.localdate()
    rows = queries.inspections_for(request.user).annotate(
        products=Count("items", distinct=True),
        open_follow_ups=Count(
            "items__follow_ups",
            filter=Q(items__follow_ups__done_on__isnull=True),
            distinct=True,
        ),
    )
    planned = rows.filter(state=InspectionState.PLANNED).order_by("planned_on", "pk")
    concluded = Paginator(
        rows.filter(state=InspectionState.CONCLUDED).order_by("-concluded_on", "-pk"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    late = list(
        actions.overdue(_follow_ups(request.user), today)
        .select_related("item__certificate", "item__inspection")
        .order_by("due_on", "pk")
    )
    for f in late:
        f.days_late = (today - f.due_on).days
    return render(
        request,
        "certificates/inspections.html",
        {"planned": planned, "concluded": concluded, "late": late, "today": today},
    )


def _follow_ups(user):
    return rules.office_scope(user).through("item__inspection").filter(FollowUp.objects.all())


# --- the plan ----------------------------------------------------------------------------


@login_required
def inspection_new(request):
    user = request.user
    if not rules.is_office(user):
        raise Http404
    certificates = actions.inspectable(user).select_related("province")
    q = request.GET.get("q", "").strip()[:100]
    stars = request.GET.get("sao", "")
    stars = int(stars) if stars.isdigit() and int(stars) in STARS else None
    form = PlanForm(
        request.POST or None,
        user=user,
        certificates=certificates,
        initial={"certificates": request.GET.getlist("gcn")},
    )
    if not form.fields["office"].choices:
        raise Http404
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                inspection = actions.plan_inspection(
                    actor=user,
                    province=form.province(),
                    kind=data["kind"],
                    scope=data["scope"],
                    planned_on=data["planned_on"],
                    inspectors=data["inspectors"],
                    certificates=data["certificates"],
                    basis=data["basis"],
                )
            except CertificateError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request, _("Đã lập kế hoạch kiểm tra %(code)s.") % {"code": inspection.code}
                )
                return redirect("certificates:inspection", inspection.code)
        else:
            messages.error(request, _first_error(form))
    chosen = [str(c) for c in (form["certificates"].value() or [])]
    shown = _matching(certificates, q, stars)
    extra = certificates.filter(code__in=chosen).exclude(pk__in=[c.pk for c in shown])
    return render(
        request,
        "certificates/inspection_new.html",
        {
            "form": form,
            "choices": [(c.code, certificate_label(c)) for c in [*extra, *shown]],
            "chosen": set(chosen),
            "q": q,
            "stars": stars,
            "star_choices": STARS,
            "more": len(shown) >= SHOWN,
        },
    )


def _matching(certificates, q: str, stars: int | None) -> list:
    if stars:
        certificates = certificates.filter(stars=stars)
    if q:
        folded = fold(q)
        rows = certificates.values_list("pk", "product_name", "producer_name", "number")
        pks = [pk for pk, *texts in rows if any(folded in fold(t) for t in texts)]
        certificates = certificates.filter(pk__in=pks)
    return list(certificates[:SHOWN])


# --- one inspection ----------------------------------------------------------------------

ITEM_FORMS = {
    "finding": FindingForm,
    "result": ResultForm,
    "photos": PhotoForm,
    "follow_up": FollowUpForm,
}
SAVED = {
    "finding": gettext_lazy("Đã ghi kết quả kiểm tra tiêu chí."),
    "remove_finding": gettext_lazy("Đã xoá kết quả kiểm tra tiêu chí."),
    "result": gettext_lazy("Đã lưu."),
    "photos": gettext_lazy("Đã tải lên."),
    "follow_up": gettext_lazy("Đã ghi yêu cầu khắc phục."),
    "done": gettext_lazy("Đã ghi nhận hoàn thành khắc phục."),
    "conclude": gettext_lazy("Đã kết luận đợt kiểm tra."),
    "add": gettext_lazy("Đã thêm sản phẩm vào đợt kiểm tra."),
}


def _item_form(kind, item, *args):
    """One of an item's forms; ``auto_id`` keeps the ids of the page's many forms apart."""
    extra = {"cert": item.certificate} if kind == "finding" else {}
    if kind == "result" and not args:
        extra["initial"] = {
            "mark_use": item.mark_use,
            "mark_note": item.mark_note,
            "conclusion": item.conclusion,
            "note": item.note,
        }
    return ITEM_FORMS[kind](*args, auto_id=f"i{item.pk}-{kind}-%s", **extra)


def _pk(request, name) -> int:
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404
    return int(value)


def _post(request, inspection, items):
    """Run one POST of the page. Returns ``(response, bound)``: a redirect when done, else
    the refused form to show again, keyed by ``(action, target pk)``."""
    user, action = request.user, request.POST.get("action", "")
    if action in ("revoke", "remove_finding"):
        return _one_click(request, action, _target(request, items)), {}
    if action == "conclude":
        target, key, anchor = inspection, ("conclude", None), "conclusion"
        form = ConcludeForm(request.POST, auto_id="c-%s")
    elif action == "add":
        target, key, anchor = inspection, ("add", None), "items"
        form = AddCertificatesForm(request.POST, certificates=_addable(user, inspection))
    elif action == "done":
        target = get_object_or_404(
            FollowUp, pk=_pk(request, "follow_up"), item__inspection=inspection
        )
        key, anchor = ("done", target.pk), f"item-{target.item_id}"
        form = DoneForm(request.POST, auto_id=f"f{target.pk}-%s")
    elif action in ITEM_FORMS:
        target = _target(request, items)
        key, anchor = (action, target.pk), f"item-{target.pk}"
        form = _item_form(action, target, request.POST, request.FILES)
    else:
        raise Http404
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return None, {key: form}
    try:
        _run(action, target, form.cleaned_data, user)
    except CertificateError as exc:
        messages.error(request, str(exc))
        return None, {key: form}
    messages.success(request, SAVED[action])
    return redirect(f"{request.path}#{anchor}"), {}


def _target(request, items) -> InspectionItem:
    item = items.get(_pk(request, "item"))
    if item is None:
        raise Http404
    return item


def _one_click(request, action, item):
    back = redirect(f"{request.path}#item-{item.pk}")
    try:
        if action == "revoke":
            case = inspection_revocation.start_revocation(
                item, actor=request.user, ground=request.POST.get("ground", "")
            )
        else:
            actions.remove_finding(
                item,
                actor=request.user,
                index=_pk(request, "index"),
                criterion=request.POST.get("criterion", ""),
            )
    except CertificateError as exc:
        messages.error(request, str(exc))
        return back
    if action == "revoke":
        messages.success(request, _("Đã lập hồ sơ thu hồi."))
        return redirect("certificates:case", case.code)
    messages.success(request, SAVED[action])
    return back


def _run(action, target, data, user):
    """The action a valid form asks for, on its target (inspection, item or follow-up)."""
    if action == "conclude":
        actions.conclude(
            target, actor=user, number=data["number"], concluded_on=data["concluded_on"]
        )
    elif action == "add":
        chosen = _addable(user, target).filter(code=data["certificate"])
        actions.add_certificates(target, actor=user, certificates=chosen)
    elif action == "done":
        actions.complete_follow_up(target, actor=user, note=data["note"], done_on=data["done_on"])
    elif action == "finding":
        actions.add_finding(
            target, actor=user, criterion=data["criterion"], meets=data["meets"], note=data["note"]
        )
    elif action == "result":
        actions.record_result(target, actor=user, **data)
    elif action == "photos":
        actions.add_photos(target, actor=user, files=data["files"], caption=data["caption"])
    else:
        actions.add_follow_up(target, actor=user, action=data["requirement"], due_on=data["due_on"])


def _addable(user, inspection):
    certificates = actions.inspectable(user).select_related("province")
    if inspection.province_id is not None:
        certificates = certificates.filter(province_id=inspection.province_id)
    return certificates.exclude(pk__in=inspection.items.values("certificate_id"))


@login_required
def inspection(request, code: str):
    inspection = queries.inspection_for(request.user, code)
    items = {
        i.pk: i
        for i in inspection.items.select_related(
            "certificate__province",
            "certificate__product",
            "certificate__line__evaluation__dossier__criteria_set",
        ).prefetch_related("photos", "follow_ups")
    }
    bound = {}
    if request.method == "POST":
        response, bound = _post(request, inspection, items)
        if response is not None:
            return response
    today = timezone.localdate()
    open_ = inspection.state == InspectionState.PLANNED
    for item in items.values():
        _decorate(item, bound, open_, today)
    return render(
        request,
        "certificates/inspection.html",
        {
            "inspection": inspection,
            "items": list(items.values()),
            "open": open_,
            "office": actions.office_name(inspection),
            "conclude_form": _page_form(
                bound, "conclude", open_, lambda: ConcludeForm(auto_id="c-%s")
            ),
            "add_form": _page_form(
                bound,
                "add",
                open_,
                lambda: AddCertificatesForm(certificates=_addable(request.user, inspection)),
            ),
            "history": _history(inspection, items.values()),
            "today": today,
        },
    )


def _page_form(bound, kind, open_, make):
    """A form of the whole inspection while it is open; none to add products to when every
    inspectable product is in already."""
    if not open_:
        return None
    form = bound.get((kind, None)) or make()
    if kind == "add" and not form.is_bound and len(form.fields["certificate"].choices) < 2:
        return None
    return form


def _decorate(item, bound, open_, today) -> None:
    """What the template shows of one product: its forms (the refused one as sent)."""
    kinds = ("finding", "result", "photos", "follow_up") if open_ else ("follow_up",)
    item.forms = {k: bound.get((k, item.pk)) or _item_form(k, item) for k in kinds}
    item.failing = actions.failing(item)
    item.grounds = inspection_revocation.grounds_for(item)
    item.open_case = inspection_revocation.open_case_of(item.certificate) if item.grounds else None
    item.cases = list(Revocation.objects.filter(inspection_item=item))
    item.indexed = list(enumerate(item.findings))
    item.follow_up_rows = list(item.follow_ups.all())
    for f in item.follow_up_rows:
        f.late = f.done_on is None and f.due_on < today
        if f.done_on is None:
            f.form = bound.get(("done", f.pk)) or DoneForm(auto_id=f"f{f.pk}-%s")


def _history(inspection, items):
    """The inspection's entries with those of its products and follow-ups, newest first."""
    of = ContentType.objects.get_for_model
    items = list(items)
    follow_ups = [str(f.pk) for i in items for f in i.follow_ups.all()]
    q = (
        Q(content_type=of(Inspection), object_id=str(inspection.pk))
        | Q(content_type=of(InspectionItem), object_id__in=[str(i.pk) for i in items])
        | Q(content_type=of(FollowUp), object_id__in=follow_ups)
    )
    return (
        AuditEntry.objects.filter(q).select_related("actor", "content_type").order_by("-at")[:100]
    )


@login_required
def inspection_photo(request, pk: int):
    photo = get_in_scope_or_404(
        InspectionPhoto.objects.select_related("item__inspection"),
        rules.office_scope(request.user).through("item__inspection"),
        pk=pk,
    )
    title = photo.original_name.rsplit(".", 1)[0] or f"{photo.item.inspection.code}-{photo.pk}"
    return uploads.serve(photo, title=title)
