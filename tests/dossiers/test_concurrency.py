"""Ten officers pressing "Tiếp nhận" or "Trả lại" on one dossier at the same moment: one
step is taken, the others are refused in words, and nobody gets a server error.

On SQLite a transaction that reads before it writes used to fail at once with "database is
locked" when another writer got there first (six 500s out of ten); writers now take the lock
when their transaction begins (``transaction_mode = "IMMEDIATE"``) and wait their turn.
"""

import pytest
from django.test import Client

from ocop.audit.models import AuditEntry
from ocop.dossiers.enums import State
from tests.threads import at_once

OFFICERS = 10


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("step", "target"),
    [("receive", State.COMMUNE_REVIEWING), ("return", State.RETURNED_BY_COMMUNE)],
)
def test_ten_simultaneous_presses_take_the_step_once(draft, bring, commune_officer, step, target):
    dossier = bring(draft, State.SUBMITTED)
    url = f"/ho-so/{dossier.code}/buoc/%s/"
    clients = []
    for _ in range(OFFICERS):
        client = Client(raise_request_exception=False)
        client.force_login(commune_officer)
        clients.append(client)
    reason = {"reason": "Bổ sung giấy chứng nhận ATTP."}
    statuses, errors = at_once(OFFICERS, lambda i: clients[i].post(url % step, reason).status_code)
    assert errors == []
    assert statuses == [302] * OFFICERS  # every one back on the dossier page, no 500
    dossier.refresh_from_db()
    assert dossier.state == target
    assert AuditEntry.objects.filter(object_id=str(dossier.pk), verb=f"dossier.{step}").count() == 1
