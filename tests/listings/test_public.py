"""What the catalogue reads, and the public photo: only photos of published, shown listings."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.listings import actions, public
from ocop.listings.models import ProductListing
from ocop.producers import actions as producer_actions


@pytest.fixture
def published(product, producer_user, province_officer, document):
    change = actions.propose_product_change(
        product, actor=producer_user, story="Men lam.", shop_links=[], photos=[document]
    )
    actions.approve_change(change, actor=province_officer)
    return ProductListing.objects.get(product=product)


def test_photo_of_a_published_listing_is_public(client, published, document):
    response = client.get(public.photo_url(document))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"].startswith("public")
    assert b"".join(response.streaming_content).startswith(b"RIFF")


def test_photo_of_a_hidden_listing_is_404(client, published, document, province_officer):
    actions.hide_listing(published, actor=province_officer, reason="Sai")
    assert client.get(public.photo_url(document)).status_code == 404


def test_photo_only_proposed_is_404(client, product, producer_user, document):
    actions.propose_product_change(
        product, actor=producer_user, story="", shop_links=[], photos=[document]
    )
    assert client.get(public.photo_url(document)).status_code == 404


def test_photo_withdrawn_from_the_library_is_404(client, published, document, producer_user):
    producer_actions.withdraw_evidence(document, actor=producer_user)
    assert client.get(public.photo_url(document)).status_code == 404


def test_other_documents_are_404(client, published, pdf_document, second_photo):
    assert client.get(public.photo_url(pdf_document)).status_code == 404
    assert client.get(public.photo_url(second_photo)).status_code == 404
    for code in ("nope", "A" * 20, "<script>", "x" * 10_000):
        assert client.get(reverse("listings:photo", args=[code])).status_code == 404


def test_product_listings_leave_hidden_ones_out(published, product, province_officer, document):
    with CaptureQueriesContext(connection) as queries:
        found = public.product_listings([product.pk])
        assert [d.code for d in found[product.pk].photos.all()] == [document.code]
    assert len(queries) == 2  # the listings, their photos
    assert public.hidden_product_ids([product.pk]) == set()
    actions.hide_listing(published, actor=province_officer, reason="Sai")
    assert public.product_listings([product.pk]) == {}
    assert public.hidden_product_ids([product.pk]) == {product.pk}


def test_producer_listing_is_none_until_published_and_when_hidden(
    producer, producer_user, province_officer
):
    assert public.producer_listing(producer) is None
    change = actions.propose_producer_change(
        producer,
        actor=producer_user,
        profile="Làng gốm.",
        shop_links=[],
        show_phone=False,
        show_email=False,
    )
    assert public.producer_listing(producer) is None
    actions.approve_change(change, actor=province_officer)
    listing = public.producer_listing(producer)
    assert listing is not None and listing.profile == "Làng gốm."
    actions.hide_listing(listing, actor=province_officer, reason="Sai")
    assert public.producer_listing(producer) is None
