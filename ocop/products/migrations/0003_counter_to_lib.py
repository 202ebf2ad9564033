from django.db import migrations


def to_lib(apps, schema_editor):
    old, new = apps.get_model("products", "Counter"), apps.get_model("lib", "Counter")
    new.objects.bulk_create(new(key=c.key, value=c.value) for c in old.objects.all())


def to_products(apps, schema_editor):
    old, new = apps.get_model("products", "Counter"), apps.get_model("lib", "Counter")
    old.objects.bulk_create(old(key=c.key, value=c.value) for c in new.objects.all())
    new.objects.all().delete()


class Migration(migrations.Migration):
    """Counters are generic: their rows move to ``lib.Counter`` with their values."""

    dependencies = [
        ("lib", "0001_counter"),
        ("products", "0002_products_ideas_plans"),
    ]

    operations = [
        migrations.RunPython(to_lib, to_products),
        migrations.DeleteModel(name="Counter"),
    ]
