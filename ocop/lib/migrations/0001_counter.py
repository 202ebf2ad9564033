from django.db import migrations, models


class Migration(migrations.Migration):
    """Gap-free sequences move here from ``products`` (their rows are copied by
    ``products.0003_counter_to_lib``), so that any app can number its documents."""

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Counter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=100, unique=True)),
                ("value", models.PositiveIntegerField(default=0)),
            ],
            options={"verbose_name": "bộ đếm", "verbose_name_plural": "bộ đếm"},
        ),
    ]
