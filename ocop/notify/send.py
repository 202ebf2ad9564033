"""Tell people that something needs them: an in-app notification, and an e-mail after commit."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from ocop.notify.models import Notification


def notify(users, verb: str, *, subject: str, url: str, note: str = "", exclude=None) -> int:
    """Notify each user once (the actor, ``exclude``, is left out). Returns how many."""
    recipients = {u.pk: u for u in users if u.is_active and (exclude is None or u != exclude)}
    rows = Notification.objects.bulk_create(
        Notification(recipient=u, verb=verb, subject=subject[:300], url=url, note=note)
        for u in recipients.values()
    )
    for row in rows:
        if row.recipient.email:
            transaction.on_commit(lambda row=row: _email(row))
    return len(rows)


def _email(notification: Notification) -> None:
    # Users have no language preference yet: e-mails go out in the default language (vi).
    with translation.override(settings.LANGUAGE_CODE):
        context = {"n": notification, "site_url": settings.SITE_URL}
        send_mail(
            subject=render_to_string("notify/email_subject.txt", context).strip(),
            message=render_to_string("notify/email.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[notification.recipient.email],
            fail_silently=True,
        )
