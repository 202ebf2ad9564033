"""The full-text twin of ``catalogue_entry`` (``ocop.catalogue.fulltext``), one per engine.
The SQL is written out here, not imported, so this migration means the same forever."""

from django.db import migrations

SQLITE = (
    "CREATE VIRTUAL TABLE catalogue_search USING fts5("
    "name, producer, body, prefix='2 3', detail=column, tokenize='unicode61')"
)
POSTGRES = [
    "CREATE TABLE catalogue_search (product_id integer PRIMARY KEY, doc tsvector NOT NULL)",
    "CREATE INDEX catalogue_search_doc ON catalogue_search USING gin (doc)",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)
    else:
        schema_editor.execute(SQLITE)


def backwards(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS catalogue_search")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
