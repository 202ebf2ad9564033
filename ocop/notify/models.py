from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.audit.verbs import verb_label


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One in-app message: what happened (an audit verb), to what, and where to look."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    verb = models.CharField(max_length=64)
    subject = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return f"{self.label}: {self.subject}"

    @property
    def label(self) -> str:
        return verb_label(self.verb)
