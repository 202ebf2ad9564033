from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.accounts.enums import Role
from ocop.places.models import Commune, Province


class User(AbstractUser):
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["username"]

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or self.username


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class RoleAssignment(models.Model):
    """A role held over a place. Holding a role over a province covers its communes.

    Accounts that act for a producer are not roles over a place: producers own that link
    (``ocop.producers.models.ProducerMembership``).

    For a commune role, ``province`` is the commune's province too, so scoping by province
    is one filter. Revoking keeps the row (``revoked_at``), so the history stays.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("xã, phường, đặc khu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("ngày cấp"), auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("ngày thu hồi"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("vai trò được cấp")
        verbose_name_plural = _("vai trò được cấp")
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["role", "province", "commune"], name="role_scope")]

    def __str__(self):
        return f"{self.get_role_display()} – {self.place_label}"

    @property
    def place_label(self) -> str:
        if self.commune_id:
            return str(self.commune)
        if self.province_id:
            return str(self.province)
        return str(_("Toàn quốc"))

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
