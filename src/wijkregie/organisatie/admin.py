from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

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
