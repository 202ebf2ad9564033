import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Criteria sets point to the classification in ``legal`` (rows copied, same ids)."""

    dependencies = [
        ("criteria", "0001_criteria_set"),
        ("legal", "0002_classification"),
        ("products", "0004_classification_to_legal"),
    ]
    # The old classification tables may go only after this foreign key has moved.
    run_before = [("products", "0005_drop_classification")]

    operations = [
        migrations.AlterField(
            model_name="criteriaset",
            name="product_set",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="criteria_sets", to="legal.productset", verbose_name="bộ sản phẩm"),
        ),
    ]
