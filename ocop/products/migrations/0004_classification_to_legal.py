import django.db.models.deletion
from django.db import migrations, models

from ocop.products.migrations._classification import MODELS, copy

def to_legal(apps, schema_editor):
    copy(apps, schema_editor, "products", "legal")


def empty_legal(apps, schema_editor):
    # Going back: 0005's reverse has copied the rows back to products already.
    for name in reversed(MODELS):
        apps.get_model("legal", name).objects.all().delete()


class Migration(migrations.Migration):
    """Phụ lục I's classification moves to ``legal``: rows copied with their ids, then the
    products' foreign keys point there. ``0005`` drops the old tables once criteria moved."""

    dependencies = [
        ("legal", "0002_classification"),
        ("products", "0003_counter_to_lib"),
    ]

    operations = [
        migrations.RunPython(to_legal, empty_legal),
        migrations.AlterField(
            model_name="product",
            name="product_set",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="legal.productset", verbose_name="bộ sản phẩm"),
        ),
        migrations.AlterField(
            model_name="productidea",
            name="product_set",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="legal.productset", verbose_name="bộ sản phẩm dự kiến"),
        ),
    ]
