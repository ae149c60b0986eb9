"""Demo of the privacy officer's desk: one Den Helder resident whose file colleagues have read.

The other demo loaders create records directly, so the audit trail holds no reads. For one resident with a
running casus with a plan and contacts (of Sanne Visser's team when there is one) this writes what a few
weeks of work leave behind, through the same services the pages use: the regisseur opening the casus and the
plan, the teamleider's caseload list, the bureaudienst's search result, a team colleague reading it with the
household's consent, and a gedragswetenschapper of another team who breaks the glass with a reason and reads
it under that ground.
Then the resident asks for inzage: a request for the privacy officer, due within the month.
Idempotent: nothing is written when a request for inzage already exists.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from wijkregie.casus.models import Casus, Status
from wijkregie.casus.selectors import casussen_visible_to
from wijkregie.casus.services import casus_view
from wijkregie.core.audit import audit_disclosure
from wijkregie.organisatie.models import Medewerker, Rol, Teamlid

from .models import Inzageverzoek
from .noodtoegang import noodtoegang_openen


def _opnieuw(user: Medewerker) -> Medewerker:
    """A fresh user object: relations are cached on the object for one request."""
    return Medewerker.objects.get(pk=user.pk)


def load_privacy(gemeente, *, seed: int = 2014) -> int:
    if Inzageverzoek.objects.filter(gemeente=gemeente).exists():
        return 0
    sanne = Medewerker.objects.filter(gemeente=gemeente, username="medewerker").first()
    if sanne is None:
        return 0
    teams = Teamlid.objects.filter(medewerker=sanne).values("team_id")
    lopend = (Casus.objects.filter(gemeente=gemeente, status=Status.UITVOERING, medewerker__isnull=False,
                                   hoofdpersoon__isnull=False).exclude(hoofdpersoon__bsn="")
              .select_related("hoofdpersoon", "medewerker", "team").order_by("pk"))
    # A file with something in it (a plan, contacts), of Sanne's team when there is one.
    met_inhoud = lopend.filter(plannen__isnull=False, contactmomenten__isnull=False).distinct()
    casus = met_inhoud.filter(team_id__in=teams).first() or met_inhoud.first() or lopend.first()
    if casus is None:
        return 0
    persoon = casus.hoofdpersoon
    regisseur = casus.medewerker
    teamleden = Medewerker.objects.filter(gemeente=gemeente, teamlidmaatschappen__team=casus.team).distinct()
    collega = next((m for m in teamleden.exclude(pk=regisseur.pk).order_by("pk")
                    if casussen_visible_to(m).filter(pk=casus.pk).exists()), None)
    teamleider = Medewerker.objects.filter(gemeente=gemeente, username="teamleider").first()
    bureaudienst = Medewerker.objects.filter(gemeente=gemeente, username="bureaudienst").first()
    buiten_team = Medewerker.objects.filter(gemeente=gemeente, roltoewijzingen__rol=Rol.GEDRAGSWETENSCHAPPER) \
        .exclude(pk__in=Teamlid.objects.filter(team=casus.team).values("medewerker_id")).order_by("pk").first()
    privacy = Medewerker.objects.filter(gemeente=gemeente, roltoewijzingen__rol=Rol.PRIVACYFUNCTIONARIS).first()
    geschreven = 0
    with transaction.atomic():
        casus_view(actor=_opnieuw(regisseur), casus=casus, wat="casus ingezien")
        casus_view(actor=_opnieuw(regisseur), casus=casus, wat="plan versie 1 ingezien")
        geschreven += 2
        if teamleider is not None:
            audit_disclosure(actor=teamleider, client_ids=[persoon.pk], object_type="casus.casus",
                             omschrijving="casuslijst: identiteit, fase")
            geschreven += 1
        if bureaudienst is not None:
            audit_disclosure(actor=bureaudienst, client_ids=[persoon.pk], object_type="inwoners.persoon",
                             omschrijving="zoekresultaat")
            geschreven += 1
        if collega is not None:
            casus_view(actor=_opnieuw(collega), casus=casus, wat="casus ingezien")
            geschreven += 1
        if buiten_team is not None and not casussen_visible_to(buiten_team).filter(pk=casus.pk).exists():
            noodtoegang_openen(actor=buiten_team, persoon_id=persoon.pk, casus_ids=[casus.pk],
                               reden="Avond: de school belt over zorgen om de veiligheid van de kinderen; de "
                                     "regisseur is niet bereikbaar en het team is gesloten.")
            casus_view(actor=_opnieuw(buiten_team), casus=casus, wat="casus ingezien")
            geschreven += 2
        if privacy is not None:
            Inzageverzoek.objects.create(gemeente=gemeente, persoon=persoon, geregistreerd_door=privacy,
                                         ontvangen_op=timezone.localdate() - datetime.timedelta(days=5),
                                         identiteit="Paspoort gezien aan de balie van het stadhuis")
            geschreven += 1
    return geschreven
