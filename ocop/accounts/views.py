import hashlib
import math
import time

from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts import actions, queries, rules
from ocop.accounts.auth_events import login_name
from ocop.accounts.forms import (
    LoginForm,
    RolePlaceForm,
    UserCreateForm,
    UserFilterForm,
)
from ocop.accounts.invitations import send_invitation
from ocop.accounts.models import RoleAssignment, User
from ocop.audit.log import history, record
from ocop.audit.models import AuditEntry
from ocop.audit.verbs import verbs
from ocop.lib import navigation
from ocop.lib.net import client_ip

TOO_SOON = 429


def failure_delay(failures: int) -> float:
    """Seconds before the next attempt after the n-th failed sign-in: none after the first,
    then growing, capped."""
    if failures <= 1:
        return 0.0
    return min(settings.LOGIN_FAILURE_DELAY_STEP * (failures - 1), settings.LOGIN_FAILURE_DELAY_MAX)


def _now() -> float:
    return time.time()  # wall-clock: the cache may be shared by several servers


def _next_attempt_key(request, username: str) -> str:
    who = f"{login_name(username)}\n{client_ip(request) or '-'}"
    return "ocop:signin:next:" + hashlib.sha256(who.encode()).hexdigest()


def seconds_to_wait(request, username: str) -> int:
    """Whole seconds before this user name may be tried again from this address (0: now)."""
    until = cache.get(_next_attempt_key(request, username))
    if until is None:
        return 0
    return max(0, math.ceil(until - _now()))


def hold_back(request, username: str, delay: float) -> None:
    """Refuse the next attempt for this user name from this address for ``delay`` seconds."""
    cache.set(_next_attempt_key(request, username), _now() + delay, math.ceil(delay) + 1)


class TooSoonForm(LoginForm):
    """The sign-in form refused before any password is looked at; the user name stays."""

    wait = 0

    def clean(self):
        raise forms.ValidationError(
            _("Vui lòng đợi %(seconds)d giây rồi thử lại."),
            code="too_soon",
            params={"seconds": self.wait},
        )


class LoginView(auth_views.LoginView):
    """Django's sign-in, slowed down without holding a worker: after a failure the next
    attempt for that user name from that address is refused at once until its time comes
    (``failure_delay``), and django-axes locks the pair after ``AXES_FAILURE_LIMIT``."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        wait = seconds_to_wait(request, request.POST.get("username", ""))
        if not wait:
            return super().post(request, *args, **kwargs)
        form = self.get_form(TooSoonForm)
        form.wait = wait
        form.is_valid()  # only the fields and the refusal: authenticate() is not called
        return self.render_to_response(self.get_context_data(form=form), status=TOO_SOON)

    def form_invalid(self, form):
        if form.has_error(NON_FIELD_ERRORS, "invalid_login"):
            username = self.request.POST.get("username", "")
            failures = AxesProxyHandler.get_failures(self.request, {"username": username})
            delay = failure_delay(failures)
            if delay:
                hold_back(self.request, username, delay)
        return super().form_invalid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:dashboard")

    def form_valid(self, form):
        response = super().form_valid(form)
        record("auth.password_changed", actor=self.request.user, obj=self.request.user)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        record("auth.password_reset", actor=form.user, obj=form.user)
        return response


@login_required
def dashboard(request):
    """The signed-in user's own page: who they are and the places they serve."""
    return render(
        request,
        "accounts/dashboard.html",
        {
            "role_lines": navigation.role_lines(request.user),
            "can_view_users": rules.can_view_users(request.user),
            "visible_users": queries.users_visible_to(request.user).count()
            if rules.can_view_users(request.user)
            else 0,
        },
    )


def _visible_user_or_404(request, username: str) -> User:
    if not rules.can_view_users(request.user):
        raise Http404
    return get_object_or_404(queries.users_visible_to(request.user), username=username)


@login_required
def user_list(request):
    if not rules.can_view_users(request.user):
        raise Http404
    filters = UserFilterForm(request.GET or None)
    users = queries.users_visible_to(request.user)
    if filters.is_valid():
        q = filters.cleaned_data["q"].strip()
        if q:
            users = users.filter(
                Q(username__icontains=q) | Q(full_name__icontains=q) | Q(email__icontains=q)
            )
        if filters.cleaned_data["role"]:
            users = users.filter(
                pk__in=RoleAssignment.objects.active()
                .filter(role=filters.cleaned_data["role"])
                .values("user_id")
            )
    page = Paginator(queries.with_active_roles(users.order_by("username")), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/user_list.html",
        {"page": page, "filters": filters, "can_create": rules.can_create_users(request.user)},
    )


@login_required
def user_create(request):
    if not rules.can_create_users(request.user):
        raise Http404
    form = UserCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = actions.create_user(
                actor=request.user,
                username=data["username"],
                email=data["email"],
                full_name=data["full_name"],
                phone=data["phone"],
                password=data["password"] or None,
                role=data["role"],
                province=data["province"],
                commune=data["commune"],
            )
        except actions.AccountError as exc:
            form.add_error(None, str(exc))
        else:
            if not data["password"]:
                send_invitation(request, user)
                messages.success(
                    request,
                    _("Đã tạo tài khoản và gửi e-mail mời đặt mật khẩu tới %(email)s.")
                    % {"email": user.email},
                )
            else:
                messages.success(request, _("Đã tạo tài khoản %(username)s.") % {"username": user})
            return redirect("accounts:user_detail", username=user.username)
    return render(request, "accounts/user_form.html", {"form": form})


def _render_user_detail(request, target: User, grant_form=None, status=200):
    assignments = list(
        target.role_assignments.select_related(
            "province", "commune__province", "granted_by", "revoked_by"
        )
    )
    for a in assignments:
        a.revocable = rules.can_revoke(request.user, a)
    if grant_form is None and rules.can_create_users(request.user):
        grant_form = RolePlaceForm(actor=request.user)
    return render(
        request,
        "accounts/user_detail.html",
        {"target": target, "assignments": assignments, "grant_form": grant_form},
        status=status,
    )


@login_required
def user_detail(request, username: str):
    return _render_user_detail(request, _visible_user_or_404(request, username))


@login_required
@require_POST
def user_grant_role(request, username: str):
    target = _visible_user_or_404(request, username)
    form = RolePlaceForm(request.POST, actor=request.user)
    if form.is_valid():
        try:
            actions.grant_role(
                target,
                form.cleaned_data["role"],
                actor=request.user,
                province=form.cleaned_data["province"],
                commune=form.cleaned_data["commune"],
            )
        except actions.AccountError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã cấp vai trò."))
        return redirect("accounts:user_detail", username=target.username)
    return _render_user_detail(request, target, grant_form=form, status=400)


@login_required
@require_POST
def user_revoke_role(request, username: str, assignment_id: int):
    target = _visible_user_or_404(request, username)
    assignment = get_object_or_404(RoleAssignment, pk=assignment_id, user=target)
    try:
        actions.revoke_role(assignment, actor=request.user)
    except actions.AccountError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã thu hồi vai trò."))
    return redirect("accounts:user_detail", username=target.username)


@login_required
def user_history(request, username: str):
    target = _visible_user_or_404(request, username)
    page = Paginator(history(target), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/history.html",
        {
            "object": target,
            "page": page,
            "back_url": reverse("accounts:user_detail", args=[target.username]),
        },
    )


@login_required
def audit_log(request):
    """The whole audit log, newest first, for central officers and admins."""
    if not rules.can_view_audit_log(request.user):
        raise Http404
    entries = AuditEntry.objects.select_related("actor", "content_type")
    known = verbs()
    verb = request.GET.get("verb", "")
    if verb in known:
        entries = entries.filter(verb=verb)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {"page": page, "verbs": [(k, str(v)) for k, v in known.items()], "verb": verb},
    )
