from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from ocop.accounts import actions, rules
from ocop.accounts.enums import Role
from ocop.accounts.models import RoleAssignment, User
from ocop.audit.log import record


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    can_delete = False
    fields = ["role", "province", "commune", "granted_at", "granted_by", "revoked_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "email", "is_active", "is_staff", "last_login"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin"), {"fields": ("full_name", "email", "phone")}),
        (_("Trạng thái"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    inlines = [RoleAssignmentInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            changed = [f for f in form.changed_data if f != "password"]
            if changed:
                record("user.updated", actor=request.user, obj=obj, changes={"fields": changed})
        else:
            record("user.created", actor=request.user, obj=obj, changes={"username": obj.username})


class RoleAssignmentAdminForm(forms.ModelForm):
    actor = None

    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "province", "commune"]

    def clean(self):
        data = super().clean()
        role, province, commune = data.get("role"), data.get("province"), data.get("commune")
        if role and not rules.place_fits(Role(role), province, commune):
            raise forms.ValidationError(_("Địa bàn không phù hợp với vai trò đã chọn."))
        if role and not rules.can_grant(
            self.actor,
            Role(role),
            province=commune.province if commune else province,
            commune=commune,
        ):
            raise forms.ValidationError(_("Bạn không có quyền cấp vai trò này trên địa bàn này."))
        if (
            role
            and data.get("user")
            and RoleAssignment.objects.active()
            .filter(
                user=data["user"],
                role=role,
                commune=commune,
                province=commune.province if commune else province,
            )
            .exists()
        ):
            raise forms.ValidationError(_("Người dùng đã có vai trò này trên địa bàn này."))
        return data


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    """Grants and revocations go through the audited actions, never a plain save."""

    form = RoleAssignmentAdminForm
    list_display = ["user", "role", "province", "commune", "granted_at", "revoked_at"]
    list_filter = ["role", "province", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__username", "user__full_name"]
    autocomplete_fields = ["user", "province", "commune"]
    fields = ["user", "role", "province", "commune"]
    actions = ["revoke_selected"]

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            return
        assignment = actions.grant_role(
            obj.user, obj.role, actor=request.user, province=obj.province, commune=obj.commune
        )
        obj.pk = assignment.pk

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.actor = request.user  # a fresh class per request
        return form

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Thu hồi các vai trò đã chọn"))
    def revoke_selected(self, request, queryset):
        for assignment in queryset.active():
            actions.revoke_role(assignment, actor=request.user)
