"""The work queue at scale reads its scope twice (a tally and the page's keys): what it shows
must stay what the scope allows, counted right."""

import pytest

from ocop.dossiers.enums import State
from ocop.dossiers.models import Dossier
from ocop.places.models import Commune

pytestmark = pytest.mark.django_db


def _queue(client, user, **params):
    client.force_login(user)
    response = client.get("/ho-so/", params)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("inline", [1000, 0], ids=["keys-listed", "keys-by-subquery"])
def test_a_producer_who_moved_is_seen_by_both_communes(
    client, draft, bring, producer, commune_officer, other_commune_officer, inline, monkeypatch
):
    """Filed in Bát Tràng, then the producer moved to Phú Xuyên: the commune that received the
    dossier and the producer's new commune both see it (the scope's two paths, one OR)."""
    monkeypatch.setattr("ocop.lib.scope.KEYS_INLINE", inline)
    dossier = bring(draft, State.SUBMITTED)
    producer.commune = Commune.objects.get(code="10273")
    producer.save(update_fields=["commune"])
    for officer in (commune_officer, other_commune_officer):
        page = _queue(client, officer).context["page"]
        assert [d.code for d in page.object_list] == [dossier.code]
        assert page.paginator.count == 1


def test_counts_pages_and_filters_agree_with_the_scope(
    client, draft, bring, commune_officer, other_commune_officer
):
    bring(draft, State.COMMUNE_REVIEWING)
    response = _queue(client, commune_officer)
    counts = dict(response.context["counts"])
    assert counts == {State.COMMUNE_REVIEWING: 1}
    assert response.context["page"].paginator.count == 1
    filtered = _queue(client, commune_officer, state=State.SUBMITTED).context["page"]
    assert filtered.paginator.count == 0 and list(filtered.object_list) == []
    searched = _queue(client, commune_officer, q=draft.product.name[:5]).context["page"]
    assert searched.paginator.count == 1
    assert _queue(client, other_commune_officer).context["page"].paginator.count == 0
    assert Dossier.objects.count() == 1


def test_a_page_past_the_end_shows_the_last(client, draft, bring, commune_officer):
    bring(draft, State.SUBMITTED)
    page = _queue(client, commune_officer, page=999).context["page"]
    assert page.number == 1 and len(page.object_list) == 1
