from django.db import migrations, models


def drop_producer_roles(apps, schema_editor):
    # Copied to producers.ProducerMembership by producers.0003 (which runs before this).
    apps.get_model("accounts", "RoleAssignment").objects.filter(role="producer").delete()


class Migration(migrations.Migration):
    """Accounts hold roles over places only; producers own the account–producer link."""

    dependencies = [
        ("accounts", "0002_producer_role"),
    ]

    operations = [
        migrations.RunPython(drop_producer_roles, migrations.RunPython.noop),
        migrations.RemoveField(model_name="roleassignment", name="producer"),
        migrations.AlterField(
            model_name="roleassignment",
            name="role",
            field=models.CharField(choices=[("commune_officer", "Cán bộ OCOP cấp xã"), ("province_officer", "Cán bộ OCOP cấp tỉnh"), ("council_member", "Thành viên hội đồng đánh giá"), ("central_officer", "Cán bộ OCOP trung ương"), ("admin", "Quản trị hệ thống")], max_length=32, verbose_name="vai trò"),
        ),
    ]
