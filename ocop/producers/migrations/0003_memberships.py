import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

FIELDS = ("user_id", "producer_id", "granted_at", "granted_by_id", "revoked_at", "revoked_by_id")


def from_roles(apps, schema_editor):
    """Every producer role (active or revoked) becomes a membership with the same dates."""
    role = apps.get_model("accounts", "RoleAssignment")
    membership = apps.get_model("producers", "ProducerMembership")
    membership.objects.bulk_create(
        membership(**{f: getattr(a, f) for f in FIELDS})
        for a in role.objects.filter(role="producer").order_by("pk")
    )


def to_roles(apps, schema_editor):
    role = apps.get_model("accounts", "RoleAssignment")
    membership = apps.get_model("producers", "ProducerMembership")
    for m in membership.objects.order_by("pk"):
        created = role.objects.create(role="producer", **{f: getattr(m, f) for f in FIELDS})
        role.objects.filter(pk=created.pk).update(granted_at=m.granted_at)


class Migration(migrations.Migration):
    """The link between an account and its producer belongs to producers, not accounts."""

    dependencies = [
        ("accounts", "0002_producer_role"),
        ("producers", "0002_evidence_library"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]
    # accounts.0003 drops the producer roles once they are copied here.
    run_before = [("accounts", "0003_drop_producer_role")]

    operations = [
        migrations.CreateModel(
            name="ProducerMembership",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("granted_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="ngày cấp")),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="ngày thu hồi")),
                ("granted_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("producer", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="memberships", to="producers.producer", verbose_name="chủ thể OCOP")),
                ("revoked_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="producer_memberships", to=settings.AUTH_USER_MODEL, verbose_name="người dùng")),
            ],
            options={
                "verbose_name": "tài khoản của chủ thể",
                "verbose_name_plural": "tài khoản của chủ thể",
                "ordering": ["-granted_at"],
                "constraints": [models.UniqueConstraint(condition=models.Q(("revoked_at__isnull", True)), fields=("user", "producer"), name="one_active_membership")],
            },
        ),
        migrations.RunPython(from_roles, to_roles),
    ]
