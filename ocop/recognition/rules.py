"""Who prepares and records decisions: the provincial OCOP office for its province (Điều
7.3.đ: it compiles the results and submits the decision), the ministry's OCOP office for
the central council's rounds (Điều 7.4.đ), central officers anywhere. The province prepares
its 5★ packages (Điều 6.3); the ministry's office receives them (Điều 7.4.a)."""

from ocop.accounts import rules as account_rules
from ocop.evaluation.enums import Level
from ocop.lib.scope import Scope


def decision_scope(user) -> Scope:
    if account_rules.is_central(user):
        return Scope.all()
    return Scope.of(province_id=account_rules.officer_provinces(user))


def can_decide(user, rnd) -> bool:
    """May draft decisions and notices from this round's results."""
    council = rnd.council
    if council.level == Level.CENTRAL:
        return account_rules.is_central(user)
    return account_rules.is_central(user) or (
        council.province_id in account_rules.officer_provinces(user)
    )


def can_act_on(user, decision) -> bool:
    """May record or correct this decision: its authority's office."""
    if decision.province_id is None:
        return account_rules.is_central(user)
    return account_rules.is_central(user) or (
        decision.province_id in account_rules.officer_provinces(user)
    )


def works_on_recognition(user) -> bool:
    return account_rules.is_central(user) or bool(account_rules.officer_provinces(user))


def package_scope(user) -> Scope:
    return decision_scope(user)


def can_prepare(user, package) -> bool:
    """The province's own office prepares and sends its package (Điều 6.3)."""
    return package.province_id in account_rules.officer_provinces(user)


def can_receive(user) -> bool:
    """The ministry's OCOP office receives and checks packages (Điều 7.4.a)."""
    return account_rules.is_central(user)


def sees_ministry_decision(user, decision) -> bool:
    """A province's office reads the Minister's decisions that name its products."""
    provinces = account_rules.officer_provinces(user)
    return (
        decision.province_id is None
        and bool(provinces)
        and decision.lines.filter(evaluation__dossier__province_id__in=provinces).exists()
    )
