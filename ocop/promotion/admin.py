from django.contrib import admin

from ocop.lib.admin import ReadOnlyAdmin
from ocop.promotion.models import Event, Participation


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    """Events change through their pages (``actions``); read here only."""

    list_display = ["code", "name", "kind", "province", "starts_on", "ends_on", "state"]
    list_filter = ["state", "kind", "province"]
    search_fields = ["code", "name", "organiser"]


@admin.register(Participation)
class ParticipationAdmin(ReadOnlyAdmin):
    list_display = ["code", "event", "producer", "state", "applied_at"]
    list_filter = ["state"]
