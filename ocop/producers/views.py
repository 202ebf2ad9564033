"""Producer pages: self-registration, the officers' list, the profile, the evidence library."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts import rules as account_rules
from ocop.accounts.invitations import send_invitation
from ocop.audit.log import history
from ocop.lib import uploads
from ocop.lib.text import fold
from ocop.producers import actions, queries, rules
from ocop.producers.actions import EDITABLE_FIELDS, ProducerError
from ocop.producers.enums import EvidenceKind
from ocop.producers.forms import EvidenceForm, InviteForm, ProducerForm, RegistrationForm
from ocop.producers.models import Producer


def _producer_or_404(request, code: str) -> Producer:
    return queries.producer_for(request.user, code)


def register(request):
    """A producer signs up: an account and its producer, in one step."""
    if request.user.is_authenticated:
        return redirect("producers:mine")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            producer, user = actions.register_producer(
                username=data["username"],
                password=data["password"],
                account_email=data["account_email"],
                full_name=data["full_name"],
                **{name: data[name] for name in EDITABLE_FIELDS},
            )
        except ProducerError as exc:
            form.add_error(None, str(exc))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Đã đăng ký chủ thể %(name)s.") % {"name": producer})
            return redirect("producers:detail", code=producer.code)
    return render(request, "producers/register.html", {"form": form})


@login_required
def mine(request):
    """A producer's account lands on its producer; officers land on the list."""
    ids = rules.producer_ids(request.user)
    if len(ids) == 1 and not account_rules.is_office_user(request.user):
        return redirect("producers:detail", code=Producer.objects.get(pk=next(iter(ids))).code)
    return producer_list(request)


@login_required
def producer_list(request):
    producers = queries.producers_visible_to(request.user)
    q = request.GET.get("q", "").strip()
    if q:
        producers = producers.filter(
            Q(name__icontains=q) | Q(registration_number__icontains=q) | Q(code__iexact=q)
        )
        if not producers.exists():
            folded = fold(q)
            producers = queries.producers_visible_to(request.user).filter(
                pk__in=[
                    p.pk
                    for p in queries.producers_visible_to(request.user).only("pk", "name")
                    if folded in fold(p.name)
                ]
            )
    page = Paginator(producers.order_by("name"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "producers/list.html",
        {"page": page, "q": q, "can_create": account_rules.is_office_user(request.user)},
    )


@login_required
def producer_create(request):
    if not account_rules.is_office_user(request.user):
        raise Http404
    form = ProducerForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            producer = actions.create_producer(
                actor=request.user, **{n: form.cleaned_data[n] for n in EDITABLE_FIELDS}
            )
        except ProducerError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã tạo chủ thể %(name)s.") % {"name": producer})
            return redirect("producers:detail", code=producer.code)
    return render(request, "producers/form.html", {"form": form, "producer": None})


@login_required
def producer_detail(request, code: str):
    producer = _producer_or_404(request, code)
    today = timezone.localdate()
    documents = list(producer.evidence.current())
    return render(
        request,
        "producers/detail.html",
        {
            "producer": producer,
            "products": producer.products.select_related("product_set").order_by("name"),
            "ideas": producer.ideas.all()[:10],
            "financials": producer.financials.all(),
            "memberships": [
                (m, rules.can_remove_account(request.user, m))
                for m in queries.memberships_of(producer)
            ],
            "document_count": len(documents),
            "expired_count": sum(1 for d in documents if d.is_expired(today)),
            "can_edit": rules.can_edit_producer(request.user, producer),
            "can_manage": rules.can_manage_producer(request.user, producer),
        },
    )


@login_required
def producer_edit(request, code: str):
    producer = _producer_or_404(request, code)
    if not rules.can_edit_producer(request.user, producer):
        raise Http404
    form = ProducerForm(request.POST or None, instance=producer, actor=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {n: form.cleaned_data[n] for n in form.changed_data if n in EDITABLE_FIELDS}
        try:
            actions.update_producer(
                Producer.objects.get(pk=producer.pk), actor=request.user, **fields
            )
        except ProducerError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã lưu thông tin chủ thể."))
            return redirect("producers:detail", code=producer.code)
    return render(request, "producers/form.html", {"form": form, "producer": producer})


@login_required
def producer_invite(request, code: str):
    producer = _producer_or_404(request, code)
    if not rules.can_manage_producer(request.user, producer):
        raise Http404
    form = InviteForm(request.POST or None, initial={"email": producer.email})
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.invite_producer_account(
                producer, actor=request.user, **form.cleaned_data
            )
        except ProducerError as exc:
            form.add_error(None, str(exc))
        else:
            send_invitation(request, user)
            messages.success(
                request,
                _("Đã tạo tài khoản và gửi e-mail mời đặt mật khẩu tới %(email)s.")
                % {"email": user.email},
            )
            return redirect("producers:detail", code=producer.code)
    return render(request, "producers/invite.html", {"form": form, "producer": producer})


@login_required
@require_POST
def producer_remove_account(request, code: str, username: str):
    producer = _producer_or_404(request, code)
    membership = get_object_or_404(queries.memberships_of(producer), user__username=username)
    try:
        actions.remove_account(membership, actor=request.user)
    except ProducerError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(user)s không còn thay mặt chủ thể này.") % {"user": membership.user},
        )
    return redirect("producers:detail", code=producer.code)


@login_required
def producer_history(request, code: str):
    producer = _producer_or_404(request, code)
    page = Paginator(history(producer), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/history.html",
        {"object": producer, "page": page, "back_url": producer.get_absolute_url()},
    )


# --- evidence library -------------------------------------------------------------------


@login_required
def evidence_library(request, code: str):
    producer = _producer_or_404(request, code)
    can_edit = rules.can_edit_producer(request.user, producer)
    form = None
    if can_edit:
        form = EvidenceForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                actions.upload_evidence(
                    producer,
                    actor=request.user,
                    file=data["file"],
                    **{k: data[k] for k in EvidenceForm.Meta.fields},
                )
            except ProducerError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Đã thêm “%(title)s” vào thư viện.") % data)
                return redirect("producers:evidence", code=producer.code)
    elif request.method == "POST":
        raise Http404
    kind = request.GET.get("kind", "")
    documents = producer.evidence.current().select_related("uploaded_by")
    if kind in EvidenceKind.values:
        documents = documents.filter(kind=kind)
    today = timezone.localdate()
    documents = list(documents)
    for d in documents:
        d.expired = d.is_expired(today)
    return render(
        request,
        "producers/evidence.html",
        {
            "producer": producer,
            "documents": documents,
            "form": form,
            "kinds": EvidenceKind.choices,
            "kind": kind,
        },
        status=400 if form is not None and form.errors else 200,
    )


def _document_or_404(request, code: str, doc: str):
    return queries.document_for(request.user, code, doc)


@login_required
def evidence_file(request, code: str, doc: str):
    document = _document_or_404(request, code, doc)
    thumbnail = request.GET.get("thumb") == "1" and document.thumbnail
    return uploads.serve(document, title=document.title, thumbnail=bool(thumbnail))


@login_required
@require_POST
def evidence_withdraw(request, code: str, doc: str):
    document = _document_or_404(request, code, doc)
    try:
        actions.withdraw_evidence(document, actor=request.user)
    except ProducerError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã rút “%(title)s” khỏi thư viện.") % {"title": document})
    return redirect("producers:evidence", code=code)
