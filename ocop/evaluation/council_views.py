"""Setting up councils: the establishing decision, the regulation's settings, members and
the advisory team, and the rounds."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts import rules as account_rules
from ocop.accounts.enums import Role
from ocop.accounts.models import RoleAssignment
from ocop.evaluation import councils, queries, rules
from ocop.evaluation.enums import Body, Level
from ocop.evaluation.errors import EvaluationError
from ocop.evaluation.forms import CouncilForm, MemberForm, NewCouncilForm, RoundForm
from ocop.evaluation.models import CouncilMember
from ocop.places.models import Province


def _council_places(user):
    places = []
    if account_rules.is_central(user):
        places.append(("central", _("Hội đồng cấp trung ương")))
        provinces = Province.objects.order_by("name")
    else:
        provinces = Province.objects.filter(pk__in=account_rules.officer_provinces(user))
    places += [(p.code, _("Hội đồng cấp tỉnh: %(name)s") % {"name": p.name}) for p in provinces]
    return places


@login_required
def council_new(request):
    if not rules.manages_any_council(request.user):
        raise Http404
    form = NewCouncilForm(request.POST or None, places=_council_places(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        place = data.pop("place")
        level = Level.CENTRAL if place == "central" else Level.PROVINCE
        province = None if place == "central" else Province.objects.get(code=place)
        try:
            council = councils.create_council(
                actor=request.user, level=level, province=province, **data
            )
        except EvaluationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã lập hội đồng."))
            return redirect("evaluation:council", council.code)
    return render(request, "evaluation/council_new.html", {"form": form})


def _member_choices(council):
    """People who may sit on it: council members and officers of its place."""
    roles = RoleAssignment.objects.active().filter(
        role__in=[Role.COUNCIL_MEMBER, Role.PROVINCE_OFFICER, Role.CENTRAL_OFFICER]
    )
    if council.level == Level.PROVINCE:
        roles = roles.filter(province_id=council.province_id)
    else:
        roles = roles.filter(province__isnull=True)
    users = get_user_model().objects.filter(pk__in=roles.values("user_id"), is_active=True)
    return [
        (u.username, f"{u.full_name or u.username} ({u.username})")
        for u in users.order_by("full_name")
    ]


@login_required
def council(request, code: str):
    council = queries.council_for(request.user, code)
    manage = rules.can_manage_council(request.user, council)
    form = CouncilForm(instance=council)
    member_form = MemberForm(users=_member_choices(council)) if manage else None
    if request.method == "POST":
        if not manage:
            raise Http404
        if request.POST.get("form") == "settings":
            form = CouncilForm(request.POST, instance=council)
            if form.is_valid():
                try:
                    councils.update_council(
                        queries.council_for(request.user, code),
                        actor=request.user,
                        **form.cleaned_data,
                    )
                except EvaluationError as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(request, _("Đã lưu."))
                    return redirect("evaluation:council", code)
        elif request.POST.get("form") == "member":
            member_form = MemberForm(request.POST, users=_member_choices(council))
            if member_form.is_valid():
                data = member_form.cleaned_data
                user = get_object_or_404(get_user_model(), username=data["user"])
                try:
                    councils.add_member(
                        council,
                        user,
                        actor=request.user,
                        role=data["role"],
                        body=data["body"],
                        office=data["office"],
                        title=data["title"],
                    )
                except EvaluationError as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(request, _("Đã thêm thành viên."))
                    return redirect("evaluation:council", code)
    if not manage:
        for field in form.fields.values():
            field.disabled = True
    members = council.members.select_related("user").order_by("left_on", "body", "role", "pk")
    return render(
        request,
        "evaluation/council.html",
        {
            "council": council,
            "form": form,
            "member_form": member_form,
            "round_form": RoundForm(initial={"year": timezone.localdate().year, "number": 1})
            if manage
            else None,
            "manage": manage,
            "council_members": [m for m in members if m.body == Body.COUNCIL],
            "advisory_members": [m for m in members if m.body == Body.ADVISORY],
            "rounds": council.rounds.all(),
        },
    )


@login_required
@require_POST
def member_leave(request, code: str, pk: int):
    council = queries.council_for(request.user, code)
    member = get_object_or_404(CouncilMember, council=council, pk=pk)
    try:
        councils.remove_member(member, actor=request.user)
    except EvaluationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(name)s đã thôi tham gia.") % {"name": member.name})
    return redirect("evaluation:council", code)


@login_required
@require_POST
def round_new(request, code: str):
    council = queries.council_for(request.user, code)
    if not rules.can_manage_council(request.user, council):
        raise Http404
    form = RoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy kiểm tra năm và đợt."))
        return redirect("evaluation:council", code)
    try:
        rnd = councils.create_round(council, actor=request.user, **form.cleaned_data)
    except EvaluationError as exc:
        messages.error(request, str(exc))
        return redirect("evaluation:council", code)
    messages.success(request, _("Đã lập %(round)s.") % {"round": rnd})
    return redirect("evaluation:round", rnd.code)
