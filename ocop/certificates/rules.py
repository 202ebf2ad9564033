"""Who sees and acts on certificates.

- Seeing: the producer's own accounts, the officers of its commune and province, central
  officers (the verification page is public and shows only what a label promises).
- The provincial OCOP office manages the certificates of its province: enters paper ones
  (Điều 12.1), prints labels, opens revocation cases (Điều 8.3.a), inspects (Điều 9.4.a),
  works the consumers' reports. The ministry's office does so everywhere (Điều 9.4.b).
- Revocation is decided by the province's Chairman for 3★–4★ and by the Minister for 5★
  (Điều 8.2): the office of that authority records the decision.
"""

from ocop.accounts import rules as account_rules
from ocop.lib.scope import Scope
from ocop.producers.rules import producer_ids

FIVE_STARS = 5


def certificate_scope(user) -> Scope:
    if account_rules.is_central(user):
        return Scope.all()
    return Scope.of(
        province_id=account_rules.officer_provinces(user),
        commune_id=account_rules.officer_communes(user),
        producer_id=producer_ids(user),
    )


def office_scope(user) -> Scope:
    """What belongs to a province's office: inspections, reports, revocation cases."""
    if account_rules.is_central(user):
        return Scope.all()
    return Scope.of(province_id=account_rules.officer_provinces(user))


def sees_certificates(user) -> bool:
    return not certificate_scope(user).empty


def is_office(user) -> bool:
    return account_rules.is_central(user) or bool(account_rules.officer_provinces(user))


def can_manage(user, cert) -> bool:
    """The provincial office of the certificate's province, or the ministry's."""
    return account_rules.is_central(user) or cert.province_id in account_rules.officer_provinces(
        user
    )


def can_decide_revocation(user, cert) -> bool:
    """Điều 8.2: the Minister for 5★ (central officers record it), the province's Chairman
    for 3★–4★ (its office records it; central officers too)."""
    if cert.stars >= FIVE_STARS:
        return account_rules.is_central(user)
    return can_manage(user, cert)


def can_enter(user) -> bool:
    return is_office(user)


def entry_provinces(user) -> set[int] | None:
    """Provinces whose paper certificates the user may enter (None: all)."""
    if account_rules.is_central(user):
        return None
    return account_rules.officer_provinces(user)
