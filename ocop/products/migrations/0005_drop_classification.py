from django.db import migrations

from ocop.products.migrations._classification import copy


def back_to_products(apps, schema_editor):
    copy(apps, schema_editor, "legal", "products")


class Migration(migrations.Migration):
    """The old classification tables go; ``legal`` holds the rows now (criteria's foreign
    key moved first: ``criteria.0002_product_set_in_legal`` runs before this)."""

    dependencies = [
        ("products", "0004_classification_to_legal"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, back_to_products),
        migrations.DeleteModel(name="ProductSet"),
        migrations.DeleteModel(name="ProductGroup"),
        migrations.DeleteModel(name="Sector"),
    ]
