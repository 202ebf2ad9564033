"""The daily job (``ocop_daily``): marks expired certificates (term, then the Điều 12.3
extension), reminds the producer and the province when the re-evaluation window opens and
30 days before it closes (Điều 7.6.a), issues what a recording missed; run twice, or on two
machines at once, it does everything once."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from ocop.audit.models import AuditEntry
from ocop.certificates import daily
from ocop.certificates.enums import State
from ocop.certificates.models import Certificate, Reminder
from ocop.legal.validity import renewal_window
from ocop.notify.models import Notification
from tests.threads import at_once

DAY = dt.timedelta(days=1)
ISSUED = dt.date(2026, 1, 10)  # expires 09/01/2029; window 13/07/2028 – 11/09/2028


def _run(day):
    out = io.StringIO()
    call_command("ocop_daily", "--date", day.isoformat(), stdout=out)
    return out.getvalue()


def _told(cert, verb):
    return sorted(
        Notification.objects.filter(verb=verb, url__contains=cert.code).values_list(
            "recipient__username", flat=True
        )
    )


@pytest.mark.django_db
def test_expiry_is_marked_the_day_after_the_last_valid_day_once(
    enter_certificate, producer_user, province_officer
):
    cert = enter_certificate(valid_from=ISSUED)
    assert cert.expires_on == dt.date(2029, 1, 9)
    assert "expired 0" in _run(cert.expires_on)
    cert.refresh_from_db()
    assert cert.state == State.ACTIVE
    assert "expired 1" in _run(cert.expires_on + DAY)
    assert "expired 0" in _run(cert.expires_on + DAY)  # the same day again
    assert "expired 0" in _run(cert.expires_on + 2 * DAY)  # and the next
    cert.refresh_from_db()
    assert cert.state == State.EXPIRED and cert.ended_on == cert.expires_on
    assert AuditEntry.objects.filter(verb="certificate.expired").count() == 1
    assert _told(cert, "certificate.expired") == sorted(
        [producer_user.username, province_officer.username]
    )
    assert AuditEntry.objects.filter(verb="daily.ran").count() == 4


@pytest.mark.django_db
def test_an_article_12_3_certificate_expires_after_its_extension(enter_certificate):
    cert = enter_certificate(valid_from=dt.date(2023, 10, 10), instrument="148/QĐ-TTg")
    assert cert.extended_until == dt.date(2027, 4, 7)
    _run(dt.date(2026, 10, 10))
    _run(cert.extended_until)
    cert.refresh_from_db()
    assert cert.state == State.ACTIVE and cert.status(cert.extended_until) == "extended"
    _run(cert.extended_until + DAY)
    cert.refresh_from_db()
    assert cert.state == State.EXPIRED and cert.ended_on == cert.extended_until
    assert "Điều 12.3" in cert.ended_note


@pytest.mark.django_db
def test_reminders_when_the_window_opens_and_30_days_before_it_closes(
    enter_certificate, producer_user, province_officer
):
    cert = enter_certificate(valid_from=ISSUED)
    opens_on, closes_on = renewal_window(cert.expires_on)
    assert "reminded 0" in _run(opens_on - DAY)
    assert "reminded 1" in _run(opens_on)
    assert "reminded 0" in _run(opens_on)
    assert "reminded 0" in _run(closes_on - dt.timedelta(days=31))
    assert "reminded 1" in _run(closes_on - dt.timedelta(days=30))
    assert "reminded 0" in _run(closes_on)
    assert "reminded 0" in _run(closes_on + DAY)
    kinds = list(Reminder.objects.filter(certificate=cert).values_list("kind", flat=True))
    assert sorted(kinds) == ["window_closing", "window_opens"]
    people = sorted([producer_user.username, province_officer.username])
    assert _told(cert, "certificate.window_opens") == people
    assert _told(cert, "certificate.window_closing") == people
    opened = Notification.objects.get(verb="certificate.window_opens", recipient=producer_user).note
    assert opens_on.strftime("%d/%m/%Y") in opened and closes_on.strftime("%d/%m/%Y") in opened


@pytest.mark.django_db
def test_no_reminder_once_the_re_evaluation_is_filed(enter_certificate, product, producer_user):
    from ocop.dossiers.models import Dossier

    cert = enter_certificate(valid_from=ISSUED)
    opens_on, _closes_on = renewal_window(cert.expires_on)
    Dossier.objects.create(
        product=product,
        producer=product.producer,
        commune=product.producer.commune,
        province=product.producer.commune.province,
        kind="re_evaluation",
        year=2028,
        criteria_set=product.product_set and _criteria_set(product),
    )
    Dossier.objects.filter(product=product).update(
        created_at=dt.datetime(2028, 7, 20, tzinfo=dt.UTC)
    )
    assert "reminded 0" in _run(opens_on + dt.timedelta(days=10))


def _criteria_set(product):
    from ocop.criteria.queries import published_sets

    return published_sets().filter(product_set=product.product_set).first()


@pytest.mark.django_db
def test_a_recorded_line_without_certificate_is_issued_by_the_job(recognised):
    cert = Certificate.objects.get(line__evaluation__dossier=recognised)
    line = cert.line
    Certificate.objects.filter(pk=cert.pk).delete()
    out = _run(dt.date(2027, 1, 5))
    assert "issued 1" in out
    assert Certificate.objects.get(line=line).number != cert.number  # numbered afresh
    assert "issued 0" in _run(dt.date(2027, 1, 5))


@pytest.mark.django_db(transaction=True)
def test_two_machines_running_the_job_at_once_do_everything_once(
    criteria, enter_certificate, product, producer_user, province_officer
):
    from ocop.products import actions as product_actions

    products = [product] + [
        product_actions.create_product(
            product.producer, actor=producer_user, product_set=product.product_set, name=name
        )
        for name in ("Đĩa gốm", "Chén gốm")
    ]
    certs = [enter_certificate(p, valid_from=ISSUED) for p in products]
    day = renewal_window(certs[0].expires_on)[0]
    results, errors = at_once(2, lambda _i: daily.run(day))
    assert errors == []
    assert sum(r["reminded"] for r in results) == 3
    assert Reminder.objects.count() == 3
    # The producer's account and the province's officer, once per certificate.
    assert Notification.objects.filter(verb="certificate.window_opens").count() == 6
