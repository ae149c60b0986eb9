"""Medewerkers (the users) and their roles. Role groups live with the access policy
(organisatie/toegangsbeleid.py), nowhere else."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wijkregie.core.models import Gemeente

from .sociale_kaart import Organisatie
from .wijken import Wijk


class Rol(models.TextChoices):
    """Roles of the glossary. A medewerker may hold several."""

    MEDEWERKER = "medewerker", _("Medewerker")
    KCC = "kcc", _("KCC")
    BUREAUDIENST = "bureaudienst", _("Bureaudienst")
    GEDRAGSWETENSCHAPPER = "gedragswetenschapper", _("Gedragswetenschapper")
    BACKOFFICE = "backoffice", _("Backoffice")
    TEAMLEIDER = "teamleider", _("Teamleider")
    PRIVACYFUNCTIONARIS = "privacyfunctionaris", _("Privacyfunctionaris")
    BELEIDSMEDEWERKER = "beleidsmedewerker", _("Beleidsmedewerker")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functioneel beheerder")


class MedewerkerManager(UserManager):
    def met_rollen(self):
        """Medewerkers with their roles in the same query, as one text ('medewerker,bureaudienst'), read by `rollen`.

        The roles decide the menu and every visibility rule, so they are needed on every page; the
        authentication backend loads the request's user this way (one query instead of two). One subquery,
        not one EXISTS per role: building and compiling ten of them was 2,8 ms of every request (issue 17).
        """
        return self.get_queryset().annotate(rollen_tekst=self.rollen_expressie())

    @staticmethod
    def rollen_expressie():
        """The roles of the row's medewerker as met_rollen reads them (the request's user too: core/backends.py)."""
        from django.db.models import OuterRef, Subquery

        from wijkregie.core.querying import TekstLijst

        return Subquery(Roltoewijzing.objects.filter(medewerker=OuterRef("pk")).order_by().values("medewerker")
                        .annotate(tekst=TekstLijst("rol")).values("tekst"))


class Medewerker(AbstractUser):
    """A professional of the social domain (the user), whatever their moederorganisatie.

    `gemeente` is empty only for technical superusers, who see no municipal data in the pages.
    """

    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medewerkers",
        verbose_name=_("gemeente"),
    )
    specialisme = models.CharField(_("specialisme"), max_length=120, blank=True)
    moederorganisatie = models.ForeignKey(
        Organisatie, on_delete=models.SET_NULL, null=True, blank=True, related_name="medewerkers",
        verbose_name=_("moederorganisatie"),
    )
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    focuswijken = models.ManyToManyField(
        Wijk, blank=True, related_name="contactpersonen", verbose_name=_("focuswijken")
    )

    objects = MedewerkerManager()

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        ordering = ["first_name", "last_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def rollen(self) -> frozenset[str]:
        """The codes of this medewerker's roles (one query, cached for the request)."""
        if not self.pk:
            return frozenset()
        if hasattr(self, "rollen_tekst"):  # loaded with MedewerkerManager.met_rollen()
            return frozenset(self.rollen_tekst.split(",")) if self.rollen_tekst else frozenset()
        if hasattr(self, "_prefetched_objects_cache") and "roltoewijzingen" in self._prefetched_objects_cache:
            return frozenset(r.rol for r in self.roltoewijzingen.all())
        return frozenset(self.roltoewijzingen.values_list("rol", flat=True))

    def heeft_rol(self, *rollen: str) -> bool:
        return bool(self.rollen.intersection(rollen))

    @property
    def rollen_labels(self) -> list[str]:
        return [label for value, label in Rol.choices if value in self.rollen]


class Roltoewijzing(models.Model):
    medewerker = models.ForeignKey(Medewerker, on_delete=models.CASCADE, related_name="roltoewijzingen")
    rol = models.CharField(_("rol"), max_length=30, choices=Rol.choices)

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [models.UniqueConstraint(fields=["medewerker", "rol"], name="roltoewijzing_unique")]

    def __str__(self) -> str:
        return self.get_rol_display()
