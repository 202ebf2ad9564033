"""Councils, their members and rounds, and members' declarations of interest: one function
each, in one transaction, audited. The score sheets and results are in ``actions``."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.audit.log import diff, record, snapshot
from ocop.dossiers.enums import DossierKind
from ocop.dossiers.enums import State as DossierState
from ocop.evaluation import rules, sources
from ocop.evaluation.enums import DECLARABLE, Body, EvaluationMode, Level, MemberRole, Relation
from ocop.evaluation.errors import EvaluationError
from ocop.evaluation.models import (
    Council,
    CouncilMember,
    Declaration,
    Evaluation,
    Interest,
    Round,
)
from ocop.legal import rounds as calendar
from ocop.notify.send import notify

# --- councils ----------------------------------------------------------------------------

SETTINGS = (
    "quorum_ratio",
    "chair_required",
    "spread_threshold",
    "members_see_scores",
    "minimums_rule",
)
COUNCIL_FIELDS = (
    "name",
    "decision_number",
    "decision_date",
    "decision_signer",
    "regulation_reference",
    "term_from",
    "term_to",
    *SETTINGS,
)


@transaction.atomic
def create_council(*, actor, level, province=None, **fields) -> Council:
    level = Level(level)
    if not rules.can_create_council(actor, level, province):
        raise EvaluationError(_("Bạn không có quyền lập hội đồng ở cấp này."))
    council = Council(level=level, province=province if level == Level.PROVINCE else None)
    for name, value in fields.items():
        if name not in COUNCIL_FIELDS:
            raise TypeError(name)
        setattr(council, name, value)
    council.created_by = actor
    council.full_clean()
    council.save()
    record("council.created", actor=actor, obj=council, changes=snapshot(council, COUNCIL_FIELDS))
    return council


@transaction.atomic
def update_council(council: Council, *, actor, **fields) -> Council:
    if not rules.can_manage_council(actor, council):
        raise EvaluationError(_("Bạn không có quyền sửa hội đồng này."))
    council = Council.objects.select_for_update().get(pk=council.pk)
    before = snapshot(council, COUNCIL_FIELDS)
    for name, value in fields.items():
        if name not in COUNCIL_FIELDS:
            raise TypeError(name)
        setattr(council, name, value)
    council.full_clean()
    changes = diff(before, snapshot(council, COUNCIL_FIELDS))
    if changes:
        council.save(update_fields=list(changes))
        record("council.updated", actor=actor, obj=council, changes=changes)
    return council


@transaction.atomic
def add_member(
    council: Council, user, *, actor, role, office, body=Body.COUNCIL, title="", joined_on=None
) -> CouncilMember:
    if not rules.can_manage_council(actor, council):
        raise EvaluationError(_("Bạn không có quyền sửa hội đồng này."))
    body, role = Body(body), MemberRole(role)
    active = council.members.filter(left_on__isnull=True)
    if active.filter(user=user, body=body).exists():
        raise EvaluationError(_("Người này đã là thành viên."))
    if role == MemberRole.CHAIR and active.filter(role=MemberRole.CHAIR).exists():
        raise EvaluationError(_("Hội đồng đã có Chủ tịch."))
    advisory_roles = (MemberRole.LEADER, MemberRole.MEMBER)
    if body == Body.ADVISORY and role not in advisory_roles:
        raise EvaluationError(_("Tổ tư vấn gồm Tổ trưởng và thành viên."))
    if body == Body.COUNCIL and role == MemberRole.LEADER:
        raise EvaluationError(_("Tổ trưởng là vai trò của Tổ tư vấn."))
    if not office.strip():
        raise EvaluationError(_("Hãy ghi cơ quan, đơn vị của thành viên."))
    member = CouncilMember.objects.create(
        council=council,
        user=user,
        body=body,
        role=role,
        office=office.strip(),
        title=title.strip(),
        joined_on=joined_on or timezone.localdate(),
    )
    record(
        "council.member_added",
        actor=actor,
        obj=council,
        changes={"member": member.name, "body": body.value, "role": role.value, "office": office},
    )
    rules.forget_seats(user)
    return member


@transaction.atomic
def remove_member(member: CouncilMember, *, actor, left_on=None) -> CouncilMember:
    if not rules.can_manage_council(actor, member.council):
        raise EvaluationError(_("Bạn không có quyền sửa hội đồng này."))
    if member.left_on is not None:
        raise EvaluationError(_("Thành viên này đã thôi tham gia."))
    member.left_on = left_on or timezone.localdate()
    member.save(update_fields=["left_on"])
    record(
        "council.member_left",
        actor=actor,
        obj=member.council,
        changes={"member": member.name, "left_on": member.left_on.isoformat()},
    )
    rules.forget_seats(member.user)
    return member


# --- rounds ------------------------------------------------------------------------------


@transaction.atomic
def create_round(
    council: Council,
    *,
    actor,
    year: int,
    number: int,
    extra: bool = False,
    proposals_before: dt.date | None = None,
    finish_before: dt.date | None = None,
    regulation_reference: str = "",
    plan_reference: str = "",
) -> Round:
    """A standard round takes its dates from Điều 5; an extra round gives its own, and the
    regulation and plan that allow it."""
    if not rules.can_manage_council(actor, council):
        raise EvaluationError(_("Bạn không có quyền lập đợt đánh giá cho hội đồng này."))
    if Round.objects.filter(council=council, year=year, number=number).exists():
        raise EvaluationError(_("Hội đồng đã có đợt này."))
    if extra:
        if not (regulation_reference.strip() and plan_reference.strip()):
            raise EvaluationError(
                _(
                    "Đợt bổ sung phải ghi căn cứ Quy chế hoạt động của Hội đồng và kế hoạch "
                    "đánh giá cho phép tổ chức (Điều 5)."
                )
            )
        if proposals_before is None or finish_before is None or finish_before <= proposals_before:
            raise EvaluationError(_("Hãy ghi hạn nhận hồ sơ và hạn hoàn thành của đợt bổ sung."))
    else:
        if number not in (1, 2):
            raise EvaluationError(_("Mỗi năm có đợt 1 và đợt 2; đợt khác là đợt bổ sung."))
        dates = calendar.standard_round(council.level, year, number)
        proposals_before, finish_before = dates.proposals_before, dates.finish_before
    rnd = Round.objects.create(
        council=council,
        year=year,
        number=number,
        extra=extra,
        proposals_before=proposals_before,
        finish_before=finish_before,
        regulation_reference=regulation_reference.strip(),
        plan_reference=plan_reference.strip(),
        created_by=actor,
    )
    record(
        "round.created",
        actor=actor,
        obj=rnd,
        changes={
            "council": council.name,
            "proposals_before": proposals_before.isoformat(),
            "finish_before": finish_before.isoformat(),
            "extra": extra,
        },
    )
    return rnd


def candidates(rnd: Round):
    """Dossiers the round may take: for a provincial round, those its province accepted for
    it (any accepted dossier for an extra round) and not yet evaluated by a provincial
    council; for any round, what the registered ``sources`` add (the ministry's rounds take
    only those) less what they hold back."""
    from ocop.dossiers.models import Dossier

    wanted = Q(pk__in=[])
    if rnd.council.level == Level.PROVINCE:
        qs = Dossier.objects.filter(
            state=DossierState.ACCEPTED, province_id=rnd.council.province_id
        )
        if not rnd.extra:
            qs = qs.filter(round_year=rnd.year, round_number=rnd.number)
        taken = Evaluation.objects.filter(round__council__level=Level.PROVINCE)
        wanted = Q(pk__in=qs.exclude(pk__in=taken.values("dossier_id")).values("pk"))
    for extra in sources.included(rnd):
        wanted |= Q(pk__in=extra.values("pk"))
    out = Dossier.objects.filter(wanted)
    for held in sources.excluded(rnd):
        out = out.exclude(pk__in=held.values("pk"))
    return out.select_related("product", "producer")


def way_of(dossier) -> tuple[EvaluationMode, dt.date | None]:
    """How the council evaluates ``dossier``, and the day its clock starts.

    A re-evaluation (Điều 7.6) is evaluated by written opinion (7.6.d) within 45 days of
    "ngày nhận đủ hồ sơ đề nghị của UBND cấp xã" (7.6.g). The province's acceptance
    (``accepted_at``, its local date) is read as that day: the province receives the
    commune's proposal, checks it, returns it for completion if need be (Điều 7.3.a), and
    accepts it only once it is complete. A later caller may set ``clock_starts_on``
    otherwise (the ministry's receipt of a province's 5★ package, Điều 7.6.e). A first
    evaluation or an upgrade is scored at the council's meeting, with no such clock."""
    if dossier.kind != DossierKind.RE_EVALUATION:
        return EvaluationMode.MEETING, None
    start = timezone.localdate(dossier.accepted_at) if dossier.accepted_at else None
    return EvaluationMode.WRITTEN, start


@transaction.atomic
def add_dossiers(rnd: Round, dossiers, *, actor) -> list[Evaluation]:
    if not rules.can_manage_council(actor, rnd.council):
        raise EvaluationError(_("Bạn không có quyền sửa đợt đánh giá này."))
    allowed = {d.pk: d for d in candidates(rnd)}
    added = []
    for dossier in dossiers:
        if dossier.pk not in allowed:
            raise EvaluationError(
                _("Hồ sơ %(code)s không thuộc đợt này hoặc đã được đánh giá.")
                % {"code": dossier.code}
            )
        mode, clock_starts_on = way_of(allowed[dossier.pk])  # as stored, not as passed in
        if mode == EvaluationMode.WRITTEN:
            clock_starts_on = sources.clock_for(rnd, allowed[dossier.pk]) or clock_starts_on
        evaluation = Evaluation.objects.create(
            round=rnd, dossier=dossier, mode=mode, clock_starts_on=clock_starts_on
        )
        changes = {"round": str(rnd), "dossier": dossier.code, "mode": mode.value}
        if clock_starts_on is not None:
            changes["clock_starts_on"] = clock_starts_on.isoformat()
        record("evaluation.added", actor=actor, obj=evaluation, changes=changes)
        added.append(evaluation)
    if added:
        scorers = rnd.council.members.filter(left_on__isnull=True).select_related("user")
        notify(
            [m.user for m in scorers if m.scores],
            "evaluation.added",
            subject=f"{rnd} · {rnd.council.name}",
            url=reverse("evaluation:round", args=[rnd.code]),
            note=_("%(n)s sản phẩm chờ Hội đồng chấm điểm.") % {"n": len(added)},
            exclude=actor,
        )
    return added


# --- conflicts of interest ---------------------------------------------------------------


@transaction.atomic
def declare(rnd: Round, *, actor, relations: dict | None = None) -> Declaration:
    """The member's declaration for the round: ``{producer: (relation, note)}`` for each
    producer they have a relation to (none is a valid answer). Links the system can see are
    added as well. A declaration can be added to later, never taken back."""
    member = rules.seat(actor, rnd.council, scoring=True)
    if member is None:
        raise EvaluationError(_("Bạn không phải thành viên chấm điểm của hội đồng này."))
    producers = {e.dossier.producer_id: e.dossier.producer for e in _evaluations(rnd)}
    declaration, created = Declaration.objects.get_or_create(round=rnd, member=member)
    added = []
    for producer, (relation, note) in (relations or {}).items():
        relation = Relation(relation)
        if relation not in DECLARABLE:
            raise EvaluationError(_("Quan hệ không hợp lệ."))
        if producer.pk not in producers:
            raise EvaluationError(_("Chủ thể này không có sản phẩm trong đợt."))
        _interest, new = Interest.objects.get_or_create(
            declaration=declaration,
            producer=producer,
            defaults={"relation": relation, "note": (note or "").strip()[:300]},
        )
        if new:
            added.append((producer, relation))
    for producer in producers.values():
        for relation in rules.detected_relations(member, producer):
            _interest, new = Interest.objects.get_or_create(
                declaration=declaration, producer=producer, defaults={"relation": relation}
            )
            if new:
                added.append((producer, relation))
    if created or added:
        record(
            "round.declared",
            actor=actor,
            obj=rnd,
            changes={
                "member": member.name,
                "interests": [f"{p.name}: {Relation(r).label}" for p, r in added],
            },
        )
    return declaration


def _evaluations(rnd: Round):
    return rnd.evaluations.select_related("dossier__producer")
