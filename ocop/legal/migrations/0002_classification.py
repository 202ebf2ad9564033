import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The classification of Phụ lục I moves here from ``products``, so that products and
    criteria both stand on it. ``products.0004_classification_to_legal`` copies the rows
    (with their ids) and points the foreign keys here."""

    dependencies = [
        ("legal", "0001_legal_instrument"),
    ]

    operations = [
        migrations.CreateModel(
            name="Sector",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(max_length=8, verbose_name="mã")),
                ("name", models.CharField(max_length=200, verbose_name="tên")),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("instrument", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="legal.legalinstrument")),
            ],
            options={
                "verbose_name": "ngành",
                "verbose_name_plural": "ngành",
                "ordering": ["instrument", "position"],
                "constraints": [models.UniqueConstraint(fields=("instrument", "code"), name="legal_sector_code")],
            },
        ),
        migrations.CreateModel(
            name="ProductGroup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(max_length=12, verbose_name="mã")),
                ("name", models.CharField(max_length=200, verbose_name="tên")),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("sector", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="groups", to="legal.sector")),
            ],
            options={
                "verbose_name": "nhóm sản phẩm",
                "verbose_name_plural": "nhóm sản phẩm",
                "ordering": ["sector__position", "position"],
                "constraints": [models.UniqueConstraint(fields=("sector", "code"), name="legal_group_code")],
            },
        ),
        migrations.CreateModel(
            name="ProductSet",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveSmallIntegerField(verbose_name="số thứ tự")),
                ("code", models.CharField(max_length=16, verbose_name="mã phân loại")),
                ("name", models.CharField(max_length=300, verbose_name="tên (Phụ lục I)")),
                ("sheet_name", models.CharField(max_length=300, verbose_name="tên bộ tiêu chí (Phụ lục II)")),
                ("managing_ministries", models.JSONField(default=list, verbose_name="cơ quan chủ trì quản lý")),
                ("samples_required", models.BooleanField(default=True, verbose_name="phải nộp 05 sản phẩm mẫu")),
                ("search_text", models.CharField(default="", editable=False, max_length=600)),
                ("group", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="product_sets", to="legal.productgroup")),
                ("instrument", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="legal.legalinstrument")),
            ],
            options={
                "verbose_name": "bộ sản phẩm",
                "verbose_name_plural": "bộ sản phẩm",
                "ordering": ["instrument", "number"],
                "constraints": [
                    models.UniqueConstraint(fields=("instrument", "number"), name="legal_set_number"),
                    models.UniqueConstraint(fields=("instrument", "code"), name="legal_set_code"),
                ],
            },
        ),
    ]
