from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from wijkregie.core.audit import AuditActie, audit_object

from .models import Medewerker, Roltoewijzing


class RoltoewijzingInline(admin.TabularInline):
    model = Roltoewijzing
    extra = 0


@admin.register(Medewerker)
class MedewerkerAdmin(UserAdmin):
    """Technical administrators only (is_staff); functional admins work in the pages."""

    inlines = [RoltoewijzingInline]
    fieldsets = UserAdmin.fieldsets + (("wijkregie", {"fields": ("gemeente", "specialisme", "moederorganisatie")}),)
    list_filter = ("gemeente", "is_active", "is_staff")

    # Technical administrators are accountable too: their changes enter the audit trail.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_object(actor=request.user, actie=AuditActie.UPDATE if change else AuditActie.CREATE, obj=obj,
                     omschrijving=("technisch beheer, velden: " + ", ".join(form.changed_data))[:200],
                     grondslag="technisch beheer")

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.has_changed():
            audit_object(actor=request.user, actie=AuditActie.UPDATE, obj=form.instance,
                         omschrijving="technisch beheer: rollen gewijzigd", grondslag="technisch beheer")

    def delete_model(self, request, obj):
        audit_object(actor=request.user, actie=AuditActie.DELETE, obj=obj, grondslag="technisch beheer")
        super().delete_model(request, obj)
