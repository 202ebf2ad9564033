"""Who sees and does what in councils and rounds. Out-of-scope objects answer 404.

A council is managed by the office of its level: province officers of its province (the
provincial OCOP office is the council's standing body, Điều 7.3.a), central officers for the
central council (Điều 7.4.a). Its members see only their own councils, rounds and products;
a member with a conflict of interest cannot open that product's sheet.
"""

from ocop.accounts import rules as account_rules
from ocop.evaluation.enums import FINISHED, SCORING_OPEN, Body, EvaluationState, Level, Relation
from ocop.evaluation.models import CouncilMember, Declaration, Interest
from ocop.lib.scope import Scope
from ocop.producers.rules import producer_ids


def seats(user) -> list[CouncilMember]:
    """The user's active seats on councils and advisory teams, loaded once per request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_ocop_seats", None)
    if cached is None:
        cached = user._ocop_seats = list(
            CouncilMember.objects.filter(user=user, left_on__isnull=True).select_related("council")
        )
    return cached


def forget_seats(user) -> None:
    user.__dict__.pop("_ocop_seats", None)


def seat(user, council, *, scoring: bool = False) -> CouncilMember | None:
    for s in seats(user):
        if s.council_id == council.pk and (s.scores if scoring else True):
            return s
    return None


def council_scope(user) -> Scope:
    """Councils a user sees: all (central officers), their province's (province officers),
    and those they sit on."""
    if account_rules.is_central(user):
        return Scope.all()
    return Scope.of(
        province_id=account_rules.officer_provinces(user),
        pk={s.council_id for s in seats(user)},
    )


def round_scope(user) -> Scope:
    return council_scope(user).through("council")


def evaluation_scope(user) -> Scope:
    return round_scope(user).through("round")


def can_manage_council(user, council) -> bool:
    """Set up the council, its members, its rounds and their products."""
    if council.level == Level.CENTRAL:
        return account_rules.is_central(user)
    return account_rules.is_central(user) or council.province_id in account_rules.officer_provinces(
        user
    )


def can_create_council(user, level: Level, province=None) -> bool:
    if level == Level.CENTRAL:
        return account_rules.is_central(user)
    return province is not None and (
        account_rules.is_central(user) or province.pk in account_rules.officer_provinces(user)
    )


def manages_any_council(user) -> bool:
    return account_rules.is_central(user) or bool(account_rules.officer_provinces(user))


def works_on_evaluation(user) -> bool:
    """Has the "Đánh giá, phân hạng" menu: council offices and council members."""
    return manages_any_council(user) or bool(seats(user))


# --- conflicts of interest (the council's regulation: not in the decision) -------------


def detected_relations(member: CouncilMember, producer) -> list[Relation]:
    """Links the system can see: the member acts for the producer, or is an OCOP officer of
    the producer's commune."""
    found = []
    if producer.pk in producer_ids(member.user):
        found.append(Relation.ACCOUNT)
    if producer.commune_id in account_rules.officer_communes(member.user):
        found.append(Relation.COMMUNE_OFFICE)
    return found


def declaration(member: CouncilMember, rnd) -> Declaration | None:
    return Declaration.objects.filter(member=member, round=rnd).first()


def recusal_reasons(member: CouncilMember, evaluation) -> list[str]:
    """Why the member may not score this product (empty: they may)."""
    producer = evaluation.dossier.producer
    declared = Interest.objects.filter(
        declaration__member=member, declaration__round_id=evaluation.round_id, producer=producer
    ).values_list("relation", flat=True)
    relations = {Relation(r) for r in declared} | set(detected_relations(member, producer))
    return [str(r.label) for r in Relation if r in relations]


def is_recused(member: CouncilMember, evaluation) -> bool:
    return bool(recusal_reasons(member, evaluation))


def recused_producer_ids(member: CouncilMember, rnd, producers) -> set[int]:
    """The producers (of ``producers``) the member may not score in the round: one query
    for the declarations, whatever the number of products (the same rule as
    ``recusal_reasons``)."""
    declared = set(
        Interest.objects.filter(declaration__member=member, declaration__round=rnd).values_list(
            "producer_id", flat=True
        )
    )
    return declared | {p.pk for p in producers if detected_relations(member, p)}


def can_score(user, evaluation) -> bool:
    """Open and fill one's own sheet: a scoring member of the round's council, declared for
    the round, not recused, while the product is being scored."""
    member = seat(user, evaluation.round.council, scoring=True)
    return (
        member is not None
        and evaluation.state in SCORING_OPEN
        and declaration(member, evaluation.round) is not None
        and not is_recused(member, evaluation)
    )


def is_chair(user, council) -> bool:
    member = seat(user, council, scoring=True)
    return member is not None and member.is_chair


def sees_scores(user, evaluation, own_sheet=None) -> bool:
    """Others' totals: the council's office always; members once they have submitted their
    own sheet (or before, when the regulation lets them); everyone once it is closed."""
    if can_manage_council(user, evaluation.round.council):
        return True
    if evaluation.state != EvaluationState.SCORING:
        return True  # closed, or "cần thảo luận": the council discusses the scores openly
    member = seat(user, evaluation.round.council)
    if member is None:
        return False
    if evaluation.round.council.members_see_scores:
        return True
    return bool(own_sheet and own_sheet.submitted) or is_recused(member, evaluation)


def can_read_sheet(user, evaluation, member: CouncilMember) -> bool:
    """Download ``member``'s signed sheet (Phụ lục II) for the product: the member themself,
    the council's office and its chair; once the product has a result, everyone who sees
    the product. The caller has fetched the product through ``evaluation_scope``."""
    council = evaluation.round.council
    return (
        member.user_id == getattr(user, "pk", None)
        or can_manage_council(user, council)
        or is_chair(user, council)
        or evaluation.state in FINISHED
    )


# --- the advisory team (Điều 7.3.c, 7.4.c) -------------------------------------------------
# Its members see the round and its products through ``council_scope`` (seats of any body).


def advisory_seat(user, council) -> CouncilMember | None:
    for s in seats(user):
        if s.council_id == council.pk and s.body == Body.ADVISORY:
            return s
    return None


def is_advisor(user, council) -> bool:
    return advisory_seat(user, council) is not None


def can_review(user, evaluation) -> bool:
    """Record the team's findings, requests, visits, lab tests and report on a product: a
    member of the advisory team of the round's council (not one the system sees acting for
    the producer or serving its commune), or the council's office."""
    council = evaluation.round.council
    member = advisory_seat(user, council)
    if member is not None and not detected_relations(member, evaluation.dossier.producer):
        return True
    return can_manage_council(user, council)


def request_scope(user) -> Scope:
    """What the team asked of a producer (document requests, lab tests) that its accounts
    see: only their own producers'. Nothing else of the council reaches them."""
    return Scope.of(evaluation__dossier__producer_id=producer_ids(user))
