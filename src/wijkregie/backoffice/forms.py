"""Backoffice forms: the decision on a request, and changing or ending a toewijzing.

Dutch errors at the field; the form keeps what was typed. The product's codes come from the i-Standaard
code lists (plan.codelijsten): WMO020/JZ020 productcategorie, WJ756 eenheid, WMO757 frequentie.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkregie.core.forms import DateInput
from wijkregie.organisatie.models import Wet
from wijkregie.plan import codelijsten

from .models import (
    ISTANDAARD_WETTEN,
    TOEWIJZINGNUMMER_MAX,
    VOLUME_MAX,
    Besluit,
    RedenWijziging,
    Toewijzingsvariant,
    agb_validator,
)
from .selectors import agb_van
from .services import GRONDSLAG, Product

KIES = ("", _("Kies…"))


class BesluitForm(forms.Form):
    """One decision. A toekenning (whole or partial) needs the product; an afwijzing only ground and motivation.

    Prefilled from the request (the plan's maatwerk line): the category, omvang, period and preferred
    provider's name as the team asked; the decider confirms or changes them.
    """

    use_required_attribute = False
    #: Required for a toekenning only: the field template then shows no "(niet verplicht)".
    soms_verplicht = {"productcategorie", "volume", "eenheid", "frequentie", "variant", "ingangsdatum", "aanbieder_agb",
                      "aanbieder_naam"}

    besluit = forms.ChoiceField(label=_("Besluit"), choices=[KIES] + list(Besluit.choices))
    persoon = forms.TypedChoiceField(label=_("Voor wie"), coerce=int,
                                     help_text=_("Het lid van het huishouden dat de voorziening krijgt."))
    grondslag = forms.CharField(label=_("Wettelijke grondslag"), max_length=300)
    motivering = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 5}),
                                 help_text=_("In gewone taal: waarom dit besluit. Dit komt letterlijk in de brief."))
    productcategorie = forms.ChoiceField(label=_("Productcategorie"), required=False)
    productcode = forms.CharField(
        label=_("Productcode"),
        max_length=5,
        required=False,
        help_text=_("Uit het contract met de aanbieder; leeg laten als alleen de categorie wordt toegewezen."),
    )
    volume = forms.IntegerField(label=_("Volume"), required=False, min_value=1, max_value=VOLUME_MAX,
                                help_text=_("Een heel getal, zoals het toewijzingsbericht het vraagt."))
    eenheid = forms.ChoiceField(label=_("Eenheid"), required=False, choices=[KIES] + list(codelijsten.eenheden()))
    frequentie = forms.ChoiceField(
        label=_("Frequentie"), required=False, choices=[KIES] + list(codelijsten.frequenties())
    )
    variant = forms.ChoiceField(
        label=_("Toewijzingsvariant"),
        choices=Toewijzingsvariant.choices,
        initial=Toewijzingsvariant.INSPANNINGSGERICHT,
        required=False,
        help_text=_("Inspanningsgericht: tijd per periode. Outputgericht: een resultaat of product."),
    )
    ingangsdatum = forms.DateField(label=_("Ingangsdatum"), required=False, widget=DateInput())
    einddatum = forms.DateField(label=_("Einddatum"), required=False, widget=DateInput())
    aanbieder_agb = forms.CharField(label=_("AGB-code aanbieder"), max_length=8, required=False,
                                    help_text=_("8 cijfers, van Vektis."))
    aanbieder_naam = forms.CharField(label=_("Naam aanbieder"), max_length=150, required=False)

    def __init__(self, *args, wet: str, leden, **kwargs):
        super().__init__(*args, **kwargs)
        self.wet = wet
        self.fields["persoon"].choices = [(p.pk, p.naam) for p in leden]
        self.fields["productcategorie"].choices = [KIES] + [
            (c, f"{c} {o}") for c, o in codelijsten.productcategorieen(wet)
        ]
        self.fields["productcategorie"].help_text = _("iWmo-lijst WMO020.") if wet == Wet.WMO else _("iJw-lijst JZ020.")
        if self.initial.get("aanbieder_agb") and "aanbieder_agb" in self.fields:
            self.fields["aanbieder_agb"].help_text = _(
                "8 cijfers, van Vektis. Ingevuld uit eerdere besluiten voor deze aanbieder: controleer het.")
        if wet not in ISTANDAARD_WETTEN:
            # No i-Standaard, so no product for a provider: the decision follows the plan's line and period.
            for veld in self.PRODUCTVELDEN:
                del self.fields[veld]

    PRODUCTVELDEN = ("productcategorie", "productcode", "volume", "eenheid", "frequentie", "variant", "ingangsdatum",
                     "einddatum", "aanbieder_agb", "aanbieder_naam")

    @property
    def met_product(self) -> bool:
        return self.wet in ISTANDAARD_WETTEN

    @classmethod
    def initial_voor(cls, verzoek) -> dict:
        regel = verzoek.regel
        casus = regel.plan.casus
        volume = regel.volume
        return {
            "persoon": casus.hoofdpersoon_id,
            "grondslag": GRONDSLAG.get(regel.wet, ""),
            "productcategorie": regel.productcategorie,
            "volume": int(volume) if volume is not None and volume == int(volume) else None,
            "eenheid": regel.eenheid,
            "frequentie": regel.frequentie,
            "variant": Toewijzingsvariant.OUTPUTGERICHT
            if regel.eenheid in ("82", "83")
            else Toewijzingsvariant.INSPANNINGSGERICHT,
            "ingangsdatum": regel.ingangsdatum,
            "einddatum": regel.einddatum,
            "aanbieder_naam": regel.voorkeursaanbieder.naam if regel.voorkeursaanbieder_id else "",
            "aanbieder_agb": agb_van(verzoek.gemeente_id,
                                     regel.voorkeursaanbieder.naam if regel.voorkeursaanbieder_id else ""),
        }

    def clean_aanbieder_agb(self):  # only called while the field exists
        agb = self.cleaned_data["aanbieder_agb"].strip().replace(" ", "")
        if agb:
            agb_validator(agb)
        return agb

    def clean_productcode(self):
        return self.cleaned_data["productcode"].strip()

    def clean(self):
        data = super().clean()
        # No decision chosen yet: what a toekenning would still miss is said now too, not in a second round.
        nog_geen_besluit = not data.get("besluit") and "besluit" in self.errors
        if self.met_product and (data.get("besluit") in (Besluit.TOEKENNING, Besluit.GEDEELTELIJK)
                                 or nog_geen_besluit):
            vereist = {
                "productcategorie": _("Kies de productcategorie."), "volume": _("Vul het volume in."),
                "eenheid": _("Kies de eenheid van het volume."),
                "frequentie": _("Kies per wanneer het volume geldt (per week, per maand, …)."),
                "ingangsdatum": _("Vanaf wanneer geldt de toewijzing?"),
                "aanbieder_agb": _("Vul de AGB-code van de aanbieder in (8 cijfers)."),
                "aanbieder_naam": _("Vul de naam van de aanbieder in."),
            }
            for veld, tekst in vereist.items():
                if data.get(veld) in (None, "") and veld not in self.errors:
                    self.add_error(veld, _("%s (nodig bij een toekenning).") % str(tekst).rstrip(".")
                                   if nog_geen_besluit else tekst)
            if not data.get("variant"):
                self.add_error("variant", _("Kies inspanningsgericht of outputgericht."))
        if data.get("einddatum") and data.get("ingangsdatum") and data["einddatum"] < data["ingangsdatum"]:
            self.add_error("einddatum", _("De einddatum ligt voor de ingangsdatum."))
        return data

    def product(self) -> Product | None:
        d = self.cleaned_data
        if not self.met_product or d.get("besluit") not in (Besluit.TOEKENNING, Besluit.GEDEELTELIJK):
            return None
        return Product(productcategorie=d["productcategorie"], productcode=d["productcode"], volume=d["volume"],
                       eenheid=d["eenheid"], frequentie=d["frequentie"], variant=d["variant"],
                       ingangsdatum=d["ingangsdatum"], einddatum=d["einddatum"], aanbieder_agb=d["aanbieder_agb"],
                       aanbieder_naam=d["aanbieder_naam"])


REDENEN = [KIES] + [(c, f"{c} {label}") for c, label in RedenWijziging.choices]


class WijzigenForm(forms.Form):
    """OP033x1: a toewijzing changes in its einddatum or volume, with a reason; anything else is a new decision."""

    use_required_attribute = False
    reden = forms.ChoiceField(
        label=_("Reden van de wijziging"), choices=[c for c in REDENEN if c[0] != RedenWijziging.VERWIJDERD]
    )
    einddatum = forms.DateField(label=_("Nieuwe einddatum"), required=False, widget=DateInput())
    volume = forms.IntegerField(label=_("Volume"), min_value=1, max_value=VOLUME_MAX)


class BeeindigenForm(forms.Form):
    use_required_attribute = False
    reden = forms.ChoiceField(label=_("Reden van de beëindiging"), choices=REDENEN)
    einddatum = forms.DateField(label=_("Laatste dag"), widget=DateInput())


__all__ = ["BesluitForm", "WijzigenForm", "BeeindigenForm", "TOEWIJZINGNUMMER_MAX"]
