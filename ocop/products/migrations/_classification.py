"""Copies the classification between ``products`` and ``legal`` (migrations 0004, 0005).

The loader skips modules whose names start with "_", so this is not a migration."""

from django.core.management.color import no_style

MODELS = ("Sector", "ProductGroup", "ProductSet")
FIELDS = {
    "Sector": ("id", "instrument_id", "code", "name", "position"),
    "ProductGroup": ("id", "sector_id", "code", "name", "position"),
    "ProductSet": (
        "id",
        "instrument_id",
        "group_id",
        "number",
        "code",
        "name",
        "sheet_name",
        "managing_ministries",
        "samples_required",
        "search_text",
    ),
}


def copy(apps, schema_editor, source, target):
    """Copy the classification rows from one app to the other, keeping their ids."""
    for name in MODELS:
        old, new = apps.get_model(source, name), apps.get_model(target, name)
        new.objects.bulk_create(
            new(**{f: getattr(row, f) for f in FIELDS[name]}) for row in old.objects.all()
        )
    connection = schema_editor.connection
    statements = connection.ops.sequence_reset_sql(
        no_style(), [apps.get_model(target, name) for name in MODELS]
    )
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
