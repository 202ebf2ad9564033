"""Dossier pages: work queues, the producer's draft, the commune's Mẫu 03, each step."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts import rules as account_rules
from ocop.audit.log import history
from ocop.criteria import presenter
from ocop.dossiers import actions, content, documents, kinds, queries, rules
from ocop.dossiers.actions import DossierError
from ocop.dossiers.enums import COMMUNE_ASSESSING, HOLDER, DossierKind, Side, State, Step
from ocop.dossiers.forms import (
    AcceptForm,
    AssessmentForm,
    LetterForm,
    QueueFilterForm,
    ReceiveForm,
    ReturnForm,
    StartForm,
    section_form,
)
from ocop.dossiers.models import CommuneAssessment, Dossier
from ocop.legal.queries import current_product_sets
from ocop.lib import uploads
from ocop.lib.text import download_name
from ocop.places.models import Commune
from ocop.products.queries import product_for


def _dossier_or_404(request, code: str) -> Dossier:
    return queries.dossier_for(request.user, code)


# --- queues ------------------------------------------------------------------------------


@login_required
def queue(request):
    """Each role's work: producers their dossiers, communes and provinces what is in their area."""
    if not rules.works_on_dossiers(request.user):
        raise Http404
    visible = queries.dossiers_visible_to(request.user)
    is_office = account_rules.is_office_user(request.user)
    today = timezone.localdate()
    counts, overdue_count, commune_ids = queries.tally(visible, today)
    filters = QueueFilterForm(request.GET or None)
    filters.fields["state"].choices = [("", _("Mọi trạng thái")), *State.choices]
    filters.fields["product_set"].choices = [("", _("Mọi bộ sản phẩm"))] + [
        (ps.number, str(ps)) for ps in current_product_sets()
    ]
    communes = Commune.objects.filter(pk__in=commune_ids).order_by("name")
    filters.fields["commune"].choices = [("", _("Mọi xã"))] + list(
        communes.values_list("code", "name")
    )
    dossiers = visible
    hide_drafts = is_office and not (filters.is_bound and filters.data.get("state"))
    if hide_drafts:
        dossiers = dossiers.exclude(state=State.DRAFT)  # drafts are the producer's own business
    # How many the list holds, known from the tally when only the state narrows it.
    known = sum(counts.values()) - (counts[State.DRAFT] if hide_drafts else 0)
    if filters.is_valid():
        data = filters.cleaned_data
        if data["q"].strip():
            q = data["q"].strip()
            dossiers = dossiers.filter(
                Q(code__iexact=q)
                | Q(product__name__icontains=q)
                | Q(producer__name__icontains=q)
                | Q(product__ocop_code__iexact=q)
            )
        if data["state"]:
            dossiers = dossiers.filter(state=data["state"])
            known = counts.get(data["state"], 0)
        if data["product_set"]:
            dossiers = dossiers.filter(criteria_set__product_set__number=data["product_set"])
        if data["commune"]:
            dossiers = dossiers.filter(commune__code=data["commune"])
        if data["overdue"]:
            dossiers = queries.overdue(dossiers)
        if any(data[k] for k in ("q", "product_set", "commune", "overdue")):
            known = None
    elif filters.is_bound:
        known = None
    # The page's 30 keys first, sorted on the dossier table alone; then those rows with what the
    # list shows (sorting thousands of joined rows cost a province queue most of its time).
    keys = dossiers.order_by("commune_deadline", "-state_changed_at").values_list("pk", flat=True)
    paginator = Paginator(keys, 30)
    if known is not None:
        paginator.count = known  # a cached_property: set, it saves counting the scope again
    page = paginator.get_page(request.GET.get("page"))
    found = Dossier.objects.filter(pk__in=list(page.object_list))
    rows = queries.with_list_columns(found).in_bulk()
    page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
    for d in page.object_list:
        d.days_left = d.working_days_left(today)
        d.days_over = -d.days_left if d.days_left is not None else None
    return render(
        request,
        "dossiers/queue.html",
        {
            "page": page,
            "filters": filters,
            "counts": [(State(s), n) for s, n in counts.items() if n],
            "overdue_count": overdue_count,
            "is_office": is_office,
        },
    )


# --- starting and editing ----------------------------------------------------------------


@login_required
def start(request, product_code: str):
    """Offer the kinds of dossier the product may start today, and say why not the others."""
    product = product_for(request.user, product_code)
    if not rules.can_start_dossier(request.user, product):
        raise Http404
    today = timezone.localdate()
    unfinished = product.dossiers.exclude(state__in=actions.FINISHED).first()
    options = [(DossierKind(k), kinds.start_problems(product, k, today)) for k in DossierKind]
    open_kinds = [] if unfinished else [(k.value, k.label) for k, p in options if not p]
    form = StartForm(
        request.POST or None, initial={"kind": open_kinds[0][0] if open_kinds else None}
    )
    form.fields["kind"].choices = open_kinds
    if request.method == "POST" and form.is_valid():
        try:
            dossier = actions.start_dossier(
                product, actor=request.user, kind=form.cleaned_data["kind"]
            )
        except DossierError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã lập hồ sơ %(code)s.") % {"code": dossier.code})
            return redirect("dossiers:detail", code=dossier.code)
    standing = kinds.recognition(product, today)
    return render(
        request,
        "dossiers/start.html",
        {
            "form": form if open_kinds else None,
            "product": product,
            "standing": standing,
            "base": standing.dossier if standing else None,
            "closed": [(k, problems) for k, problems in options if problems],
            "unfinished": unfinished,
        },
    )


def _version_and_base(dossier):
    versions = list(dossier.versions.order_by("number"))
    current = versions[-1]
    base_version = None
    if dossier.based_on_id:
        base_version = dossier.based_on.versions.order_by("-number").first()
    return versions, current, base_version


def _sheet(dossier, version, *, compare_to=None, today=None) -> presenter.SheetView:
    """The version's Part III as rows, compared with another version when given; linked
    documents carry ``expired`` (as of ``today``)."""

    def evidence_of(v):
        links = list(v.links.select_related("document"))
        for link in links:
            link.document.expired = link.document.is_expired(today or timezone.localdate())
        return presenter.evidence_by_criterion(links)

    return presenter.present(
        dossier.criteria_set,
        answers=version.answers,
        notes=version.notes,
        evidence=evidence_of(version),
        previous=compare_to.answers if compare_to else None,
        previous_notes=compare_to.notes if compare_to else None,
        previous_evidence=evidence_of(compare_to) if compare_to else None,
    )


def _step_views(request, dossier, version, steps) -> list[dict]:
    """Each step the user may take, with what still stops it (shown beside a disabled
    button rather than offered and then refused)."""
    views = []
    for step in steps:
        blockers = []
        if step == Step.SUBMIT and not version.frozen:
            blockers = actions.submission_problems(dossier, version)
        elif step == Step.PROPOSE:
            blockers = actions.assessment_problems(dossier)
        views.append({"step": step, "blockers": blockers})
    return views


@login_required
def detail(request, code: str):
    dossier = _dossier_or_404(request, code)
    versions, current, base_version = _version_and_base(dossier)
    today = timezone.localdate()
    links = list(current.links.select_related("document"))
    for link in links:
        link.expired = link.document.is_expired(today)
        section = content.SECTION_BY_KEY.get(link.criterion)
        link.section_title = section.title if section else ""
    steps = rules.available_steps(request.user, dossier)
    accept_default = actions.proposal_round(dossier)
    assessment = CommuneAssessment.objects.filter(dossier=dossier).first()
    sheet = _sheet(dossier, current, compare_to=base_version, today=today)
    context = {
        "dossier": dossier,
        "version": current,
        "versions": versions,
        "result": presenter.result_view(current.result or {}, sheet),
        "stars_range": range(1, 6),
        "sections": _sections_status(current, dossier.kind),
        "links": links,
        "expired_links": [link for link in links if link.expired],
        "steps": _step_views(request, dossier, current, steps),
        "return_form": ReturnForm() if Step.RETURN in steps else None,
        "receive_form": ReceiveForm(initial={"paper_set": dossier.paper_set_received})
        if Step.RECEIVE in steps and HOLDER[State(dossier.state)] == Side.COMMUNE
        else None,
        "accept_form": AcceptForm(
            initial={"round_year": accept_default.year, "round_number": accept_default.number}
        )
        if Step.ACCEPT in steps
        else None,
        "assessment": assessment,
        "letter": actions.current_letter(dossier),
        # Back at the commune after the province returned it (Điều 7.3.a): what it asked.
        "province_returned": dossier.state in COMMUNE_ASSESSING and dossier.proposed_at,
        "can_edit": rules.can_edit_content(request.user, dossier),
        "can_assess": rules.can_assess(request.user, dossier),
        "holder": HOLDER[State(dossier.state)],
        "days_left": dossier.working_days_left(today),
        "days_over": -(dossier.working_days_left(today) or 0),
        # Against the base dossier, only what both kinds of form have.
        "changes": content.changes(base_version.content, current.content, content.COMMON)
        if base_version
        else [],
        "changed_criteria": sheet.changed_leaves() if base_version else [],
        "Step": Step,
    }
    if dossier.state == State.ACCEPTED:
        found = kinds.recognition(dossier.product, today)
        context["recognition"] = found if found and found.dossier == dossier else None
    return render(request, "dossiers/detail.html", context)


def _sections_status(version, kind):
    missing = {(s.key, f.key) for s, f in content.missing(version.content, kind)}
    linked = set(version.links.values_list("criterion", flat=True))
    return [
        {
            "section": s,
            "missing": [f.label for f in s.fields if (s.key, f.key) in missing]
            + ([_("tài liệu minh chứng")] if s.evidence_required and s.key not in linked else []),
        }
        for s in content.sections_for(kind)
    ]


def _wants_json(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _save(request, dossier, success_url: str, **changes):
    """Save through the action. Autosave gets JSON; a plain form post gets a redirect, or None
    after a refusal so that the page shows again with the message."""
    try:
        version = actions.save_content(dossier, actor=request.user, **changes)
    except DossierError as exc:
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": str(exc)}, status=400)
        messages.error(request, str(exc))
        return None
    if _wants_json(request):
        result = version.result
        saved_at = formats.time_format(timezone.localtime(version.updated_at), "H:i:s")
        return JsonResponse(
            {
                "ok": True,
                "total": result.get("total"),
                "stars": result.get("stars"),
                "stars_text": _("%(n)s sao") % {"n": result.get("stars", 0)},
                "message": _("Đã lưu lúc %(time)s") % {"time": saved_at},
            }
        )
    messages.success(request, _("Đã lưu."))
    return redirect(success_url)


@login_required
def edit_section(request, code: str, section: str):
    dossier = _dossier_or_404(request, code)
    spec = content.SECTION_BY_KEY.get(section)
    if spec is None or not spec.applies_to(dossier.kind):
        raise Http404
    version = dossier.versions.order_by("-number").first()
    editable = rules.can_edit_content(request.user, dossier)
    initial = (version.content or {}).get(section) or {}
    # A section with evidence of its own (an upgrade's changes): links by the section key.
    library = list(dossier.producer.evidence.current()) if spec.evidence else []
    if request.method == "POST":
        if not editable:
            raise Http404
        form = section_form(spec, data=request.POST, initial=initial)
        if form.is_valid():
            links = None
            if spec.evidence:
                by_pk = {str(d.pk): d for d in library}
                chosen = request.POST.getlist(f"e-{section}")
                links = {section: [by_pk[pk] for pk in chosen if pk in by_pk]}
            response = _save(
                request,
                dossier,
                dossier.get_absolute_url(),
                sections={section: form.cleaned_data},
                links=links,
            )
            if response is not None:
                return response
        elif _wants_json(request):
            return JsonResponse({"ok": False, "error": _("Có ô chưa hợp lệ.")}, status=400)
    else:
        form = section_form(spec, initial=initial, disabled=not editable)
    today = timezone.localdate()
    linked = list(version.links.filter(criterion=section).select_related("document"))
    for d in library + [link.document for link in linked]:
        d.expired = d.is_expired(today)
    return render(
        request,
        "dossiers/section.html",
        {
            "dossier": dossier,
            "section": spec,
            "form": form,
            "editable": editable,
            "library": library,
            "linked": [link.document for link in linked],
            "linked_pks": {link.document_id for link in linked},
        },
        status=400 if form.errors else 200,
    )


@login_required
def self_assessment(request, code: str):
    """Mẫu 02 Part III: the product set's sheet, with a note and evidence per criterion."""
    dossier = _dossier_or_404(request, code)
    _versions, version, base_version = _version_and_base(dossier)
    editable = rules.can_edit_content(request.user, dossier)
    sheet = dossier.criteria_set.sheet()
    leaves = [leaf.code for leaf in sheet.leaves()]
    library = list(dossier.producer.evidence.current())
    if request.method == "POST":
        if not editable:
            raise Http404
        answers = {c: request.POST[f"a-{c}"] for c in leaves if request.POST.get(f"a-{c}")}
        notes = {c: request.POST.get(f"n-{c}", "") for c in leaves}
        by_pk = {str(d.pk): d for d in library}
        links = {
            c: [by_pk[pk] for pk in request.POST.getlist(f"e-{c}") if pk in by_pk] for c in leaves
        }
        response = _save(
            request,
            dossier,
            reverse("dossiers:self_assessment", args=[dossier.code]),
            answers=answers,
            notes=notes,
            links=links,
        )
        if response is not None:
            return response
    today = timezone.localdate()
    for d in library:
        d.expired = d.is_expired(today)
    return render(
        request,
        "dossiers/self_assessment.html",
        {
            "dossier": dossier,
            "version": version,
            "sheet": _sheet(dossier, version, compare_to=base_version, today=today),
            "library": library,
            "result": version.result,
            "editable": editable,
            "based": base_version is not None,
        },
    )


@login_required
def assessment(request, code: str):
    """The commune's Mẫu 03."""
    dossier = _dossier_or_404(request, code)
    instance = CommuneAssessment.objects.filter(dossier=dossier).first() or CommuneAssessment(
        dossier=dossier
    )
    editable = rules.can_assess(request.user, dossier)
    if not editable and not instance.pk:
        raise Http404
    form = AssessmentForm(request.POST or None, instance=instance)
    if not editable:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST":
        if not editable:
            raise Http404
        if form.is_valid():
            try:
                actions.save_assessment(
                    dossier,
                    actor=request.user,
                    **{n: form.cleaned_data[n] for n in AssessmentForm.Meta.fields},
                )
            except DossierError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Đã lưu báo cáo Mẫu 03."))
                return redirect("dossiers:detail", code=dossier.code)
    letter = actions.current_letter(dossier)
    return render(
        request,
        "dossiers/assessment.html",
        {
            "dossier": dossier,
            "form": form,
            "editable": editable,
            "letter": letter,
            "letter_form": LetterForm() if editable else None,
            "letter_problems": actions.letter_problems(dossier, instance)
            if letter and instance.pk and instance.letter_date
            else [],
        },
        status=400 if form.errors else 200,
    )


@login_required
def letter(request, code: str):
    """The commune's proposal letter (Điều 6.2.a): read by whoever sees the dossier; uploaded
    or generated from Mẫu 03 by the commune that holds it."""
    dossier = _dossier_or_404(request, code)
    if request.method != "POST":
        current = actions.current_letter(dossier)
        if current is None:
            raise Http404
        return uploads.serve(current, title=f"{dossier.code}-van-ban-de-nghi")
    if not rules.can_assess(request.user, dossier):
        raise Http404
    file = None
    if "generate" not in request.POST:
        form = LetterForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, " ".join(e for es in form.errors.values() for e in es))
            return redirect("dossiers:assessment", code=dossier.code)
        file = form.cleaned_data["file"]
    try:
        attached = actions.attach_letter(dossier, actor=request.user, file=file)
    except DossierError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Đã đính kèm văn bản đề nghị số %(number)s.") % {"number": attached.number},
        )
    return redirect("dossiers:assessment", code=dossier.code)


@login_required
@require_POST
def take_step(request, code: str, step: str):
    dossier = _dossier_or_404(request, code)
    if step not in Step.values:
        raise Http404
    step = Step(step)
    kwargs = {}
    if step == Step.RETURN:
        form = ReturnForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Hãy ghi rõ nội dung cần bổ sung, hoàn thiện."))
            return redirect("dossiers:detail", code=dossier.code)
        kwargs["reason"] = form.cleaned_data["reason"]
    elif step == Step.ACCEPT:
        form = AcceptForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Đợt đánh giá không hợp lệ."))
            return redirect("dossiers:detail", code=dossier.code)
        kwargs["round_"] = (form.cleaned_data["round_year"], form.cleaned_data["round_number"])
    elif step == Step.WITHDRAW:
        kwargs["reason"] = request.POST.get("reason", "")
    elif step == Step.RECEIVE:
        form = ReceiveForm(request.POST)
        kwargs["paper_set"] = form.is_valid() and form.cleaned_data["paper_set"]
    try:
        actions.transition(dossier, step, actor=request.user, **kwargs)
    except DossierError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã thực hiện: %(step)s.") % {"step": step.label})
    return redirect("dossiers:detail", code=dossier.code)


@login_required
def version_view(request, code: str, number: int):
    """One version as filed, with what changed since the one before."""
    dossier = _dossier_or_404(request, code)
    version = get_object_or_404(dossier.versions, number=number)
    previous = dossier.versions.filter(number=number - 1).first()
    sheet = _sheet(dossier, version, compare_to=previous)

    def dossier_wide(v):
        return {
            link.document.title for link in v.links.filter(criterion="").select_related("document")
        }

    now, then = dossier_wide(version), dossier_wide(previous) if previous else set()
    return render(
        request,
        "dossiers/version.html",
        {
            "dossier": dossier,
            "version": version,
            "previous": previous,
            "sections": [
                (s, [(f, content.value(version.content, s.key, f.key)) for f in s.fields])
                for s in content.sections_for(dossier.kind)
            ],
            "changes": content.changes(
                previous.content, version.content, content.sections_for(dossier.kind)
            )
            if previous
            else [],
            "changed_criteria": sheet.changed_leaves() if previous else [],
            "added_links": sorted(now - then) if previous else [],
            "removed_links": sorted(then - now) if previous else [],
        },
    )


@login_required
def dossier_history(request, code: str):
    dossier = _dossier_or_404(request, code)
    page = Paginator(history(dossier), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/history.html",
        {
            "object": dossier,
            "page": page,
            "back_url": dossier.get_absolute_url(),
        },
    )


@login_required
def form_pdf(request, code: str, form: str):
    dossier = _dossier_or_404(request, code)
    if form not in documents.FORMS:
        raise Http404
    if form == "mau03" and not CommuneAssessment.objects.filter(dossier=dossier).exists():
        raise Http404
    pdf = documents.render(dossier, form)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = download_name(f"{dossier.code}-{form}", ".pdf")
    response["Content-Disposition"] = content_disposition_header(False, name)
    return response
