"""The plan's PDF is made by the background worker (core/achtergrond.py), so that rendering it never
holds a web worker (issue 16, item 2; docs/achtergrond.md)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wijkregie.core.access import get_visible_or_404
from wijkregie.core.achtergrond import Document, Soort
from wijkregie.core.audit import AuditActie, audit_disclosure, audit_object
from wijkregie.core.pdf import html_naar_pdf
from wijkregie.organisatie.toegangsbeleid import Gegevens

from . import selectors


class PlanPdf(Soort):
    """The plan in plain Dutch for the household: for who may see the casus' documents, and for a colleague
    the plan was offered to for signature."""

    titel = _("Ondersteuningsplan als pdf")
    object_type = "plan.ondersteuningsplan"
    inline = True

    def object(self, gebruiker, parameters):
        casus = get_visible_or_404(selectors.plan_casussen_visible_to(gebruiker, Gegevens.DOCUMENTEN),
                                   audit_actor=gebruiker, pk=parameters["pk"])
        plan = get_visible_or_404(casus.plannen.all(), audit_actor=gebruiker, versie=parameters["versie"])
        plan.casus = casus
        return plan

    def _leden(self, gebruiker, casus):
        return selectors.gezinsleden(casus, selectors.casus_leden_visible_to(gebruiker, casus))

    def personen(self, gebruiker, plan):
        return {plan.casus.hoofdpersoon_id, *(p.pk for p in self._leden(gebruiker, plan.casus))} - {None}

    def maak(self, gebruiker, plan):
        casus = plan.casus
        leden = self._leden(gebruiker, casus)
        # The plan is the household's, in Dutch throughout (<html lang="nl">), labels included, whatever
        # language the medewerker who asked for it reads.
        with translation.override("nl"):
            html = render_to_string("plan/plan_pdf.html", {
                "casus": casus, "plan": plan, "doelen": plan.doelen.select_related("leefgebied", "persoon"),
                "zichtbaar": {p.pk for p in leden}, "overzicht": selectors.zrm_overzicht(casus, leden),
                "regels": plan.regels.select_related("voorziening", "medewerker", "voorkeursaanbieder"),
                "leden": leden, "gemeente": gebruiker.gemeente, "vandaag": timezone.localdate(),
            })
        return Document(inhoud=html_naar_pdf(html),
                        bestandsnaam=f"ondersteuningsplan-{casus.pk}-v{plan.versie}.pdf",
                        client_ids=[casus.hoofdpersoon_id, *(p.pk for p in leden)],
                        omschrijving=f"plan versie {plan.versie} als pdf")

    def audit_download(self, gebruiker, plan, bestand):
        # As the PDF in the request was audited: the hoofdpersoon on the plan, the other members as such.
        casus = plan.casus
        if casus.hoofdpersoon_id in bestand.client_ids:
            audit_object(actor=gebruiker, actie=AuditActie.READ, obj=plan, client_id=casus.hoofdpersoon_id,
                         omschrijving=bestand.omschrijving)
        audit_disclosure(actor=gebruiker, client_ids=[c for c in bestand.client_ids if c != casus.hoofdpersoon_id],
                         object_type=self.object_type, object_id=plan.pk,
                         omschrijving=f"{bestand.omschrijving}: lid van het huishouden")

    def beschrijving(self, parameters):
        return _("Ondersteuningsplan versie %(versie)s als pdf") % {"versie": parameters["versie"]}

    def terug(self, parameters):
        return reverse("plan:plan", kwargs={"pk": parameters["pk"]})
