from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from django.utils import timezone

from wijkregie.core.forms import DateInput
from wijkregie.organisatie.selectors import huidige_teamleden
from wijkregie.organisatie.models import Leefgebied, Medewerker, Organisatie, Toegankelijkheid, Voorziening, Wet

from . import codelijsten
from .models import (
    AFWEGINGSKADER, VEILIGHEIDSVRAGEN, Antwoord, Arrangementregel, Doel, MeldcodeStap, Ondersteuningsplan, Soort,
    ZrmScore,
)


class ZrmScoreForm(forms.ModelForm):
    use_required_attribute = False

    class Meta:
        model = ZrmScore
        fields = ["persoon", "leefgebied", "niveau", "datum", "eigen_visie", "eigen_kracht", "notities"]
        widgets = {"datum": DateInput(), "niveau": forms.RadioSelect, "eigen_visie": forms.Textarea(attrs={"rows": 2}),
                   "eigen_kracht": forms.Textarea(attrs={"rows": 2}), "notities": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, leden, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = leden
        self.fields["leefgebied"].queryset = Leefgebied.objects.filter(gemeente=gemeente, actief=True)
        self.fields["niveau"].choices = [c for c in self.fields["niveau"].choices if c[0] != ""]
        self.fields["persoon"].empty_label = self.fields["leefgebied"].empty_label = _("Kies…")

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError(_("Een score kan niet in de toekomst liggen."))
        return datum


class ConsultForm(forms.Form):
    use_required_attribute = False
    aan = forms.ModelChoiceField(label=_("Aan wie"), queryset=Medewerker.objects.none(),
                                 help_text=_("Een specialist of de gedragswetenschapper."))
    vraag = forms.CharField(label=_("Vraag"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        # Only current team members: a membership that ended gives no access to new files.
        self.fields["aan"].queryset = Medewerker.objects.filter(
            pk__in=huidige_teamleden(gemeente).values("medewerker_id"), is_active=True)
        self.fields["aan"].empty_label = _("Kies…")


class AdviesForm(forms.Form):
    use_required_attribute = False
    advies = forms.CharField(label=_("Advies"), widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Schrijf het advies op.")})


class VeiligheidsanalyseForm(forms.Form):
    """The checklist: every question answered (no default), doubt counts as a signal."""

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, vraag in VEILIGHEIDSVRAGEN:
            self.fields[code] = forms.ChoiceField(label=vraag, choices=Antwoord.choices, widget=forms.RadioSelect,
                                                  error_messages={"required": _("Beantwoord deze vraag.")})
        self.fields["toelichting"] = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def antwoorden(self) -> dict:
        return {code: self.cleaned_data[code] for code, _v in VEILIGHEIDSVRAGEN}


class MeldcodeStapForm(forms.ModelForm):
    use_required_attribute = False

    class Meta:
        model = MeldcodeStap
        fields = ["stap", "verslag", "melding_veilig_thuis_op", "referentie_veilig_thuis"]
        widgets = {"verslag": forms.Textarea(attrs={"rows": 3}), "melding_veilig_thuis_op": DateInput()}

    def __init__(self, *args, eerdere_stappen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.eerdere_stappen = list(eerdere_stappen)
        for code, vraag in AFWEGINGSKADER:
            self.fields[f"kader_{code}"] = forms.ChoiceField(
                label=vraag, choices=[("", _("(niet van toepassing)"))] + list(Antwoord.choices), required=False,
                help_text=_("Alleen bij stap 4."),
            )

    def clean(self):
        data = super().clean()
        stap = data.get("stap")
        kader = {code: data.get(f"kader_{code}") for code, _v in AFWEGINGSKADER if data.get(f"kader_{code}")}
        if stap == 4 and len(kader) < len(AFWEGINGSKADER):
            self.add_error(None, _("Beantwoord bij stap 4 alle vragen van het afwegingskader."))
        if stap != 4:
            kader = {}  # the afwegingskader belongs to step 4 only
        if data.get("melding_veilig_thuis_op") and stap != 5:
            self.add_error("melding_veilig_thuis_op", _("Een melding bij Veilig Thuis hoort bij stap 5 (beslissen)."))
        if stap == 5:
            wegingen = [s for s in self.eerdere_stappen if s.stap == 4]
            if not wegingen:
                self.add_error("stap", _("Leg eerst stap 4 (wegen met het afwegingskader) vast."))
            elif (wegingen[-1].afwegingskader or {}).get("acuut_structureel") == "ja" and not data.get("melding_veilig_thuis_op"):
                self.add_error("melding_veilig_thuis_op", _("Bij acute of structurele onveiligheid is melden bij Veilig Thuis verplicht."))
        if data.get("melding_veilig_thuis_op") and not data.get("referentie_veilig_thuis"):
            self.add_error("referentie_veilig_thuis", _("Noteer het kenmerk dat Veilig Thuis gaf."))
        if data.get("melding_veilig_thuis_op") and data["melding_veilig_thuis_op"] > timezone.localdate():
            self.add_error("melding_veilig_thuis_op", _("Deze datum ligt in de toekomst."))
        self.instance.afwegingskader = kader
        return data


class PlanForm(forms.ModelForm):
    use_required_attribute = False
    soms_verplicht = {"akkoord_wijze", "akkoord_op"}  # needed to sign

    class Meta:
        model = Ondersteuningsplan
        fields = ["matched_care", "gedeelde_besluitvorming", "niet_akkoord", "akkoord_wijze", "akkoord_op", "contactpersoon"]
        widgets = {"matched_care": forms.Textarea(attrs={"rows": 3}), "gedeelde_besluitvorming": forms.Textarea(attrs={"rows": 3}),
                   "niet_akkoord": forms.Textarea(attrs={"rows": 2}), "akkoord_op": DateInput(), "akkoord_wijze": forms.RadioSelect}

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contactpersoon"].queryset = Medewerker.objects.filter(gemeente=gemeente, is_active=True)
        self.fields["akkoord_wijze"].choices = [c for c in self.fields["akkoord_wijze"].choices if c[0]]
        self.fields["akkoord_wijze"].required = False

    def clean_akkoord_op(self):
        datum = self.cleaned_data.get("akkoord_op")
        if datum and datum > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return datum


class DoelForm(forms.ModelForm):
    use_required_attribute = False

    class Meta:
        model = Doel
        fields = ["leefgebied", "omschrijving", "prioriteit", "doel_niveau", "streefdatum"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 2}), "streefdatum": DateInput()}

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leefgebied"].queryset = Leefgebied.objects.filter(gemeente=gemeente, actief=True)
        self.fields["leefgebied"].empty_label = _("Kies…")
        self.fields["doel_niveau"].choices = [("", _("(geen)"))] + [c for c in self.fields["doel_niveau"].choices if c[0] != ""]


class RegelForm(forms.ModelForm):
    """One arrangement line; what is required depends on its type (glossary: arrangement types)."""

    use_required_attribute = False
    soms_verplicht = {"wie", "voorziening", "medewerker", "aantal_contacten", "wet", "productcategorie", "volume", "eenheid",
                      "frequentie", "ingangsdatum", "pgb_motivatie"}

    class Meta:
        model = Arrangementregel
        fields = ["soort", "omschrijving", "wie", "voorziening", "medewerker", "aantal_contacten", "wet", "productcategorie",
                  "volume", "eenheid", "frequentie", "ingangsdatum", "einddatum", "voorkeursaanbieder", "geraamde_kosten", "pgb_motivatie"]
        widgets = {"ingangsdatum": DateInput(), "einddatum": DateInput(), "pgb_motivatie": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voorziening"].queryset = Voorziening.objects.filter(gemeente=gemeente, toegang=Toegankelijkheid.VRIJ)
        self.fields["medewerker"].queryset = Medewerker.objects.filter(gemeente=gemeente, is_active=True, teamlidmaatschappen__isnull=False).distinct()
        self.fields["voorkeursaanbieder"].queryset = Organisatie.objects.filter(gemeente=gemeente)
        for name in ("voorziening", "medewerker", "voorkeursaanbieder"):
            self.fields[name].empty_label = _("(geen)")
        codes = [("", _("(geen)"))]
        for wet in (Wet.WMO, Wet.JEUGDWET):
            codes.append((str(Wet(wet).label), [(c, f"{c} {o}") for c, o in codelijsten.productcategorieen(wet)]))
        self.fields["productcategorie"] = forms.ChoiceField(label=_("Productcategorie"), choices=codes, required=False,
                                                            help_text=_("iWmo WMO020 of iJw JZ020."))
        self.fields["eenheid"] = forms.ChoiceField(label=_("Eenheid"), required=False,
                                                   choices=[("", _("(geen)"))] + [(c, o) for c, o in codelijsten.eenheden()])
        self.fields["frequentie"] = forms.ChoiceField(label=_("Frequentie"), required=False,
                                                      choices=[("", _("(geen)"))] + [(c, o) for c, o in codelijsten.frequenties()])
        self.fields["wet"].choices = [("", _("(geen)"))] + list(Wet.choices)
        self.fields["soort"].choices = [("", _("Kies…"))] + list(Soort.choices)

    def clean(self):
        data = super().clean()
        soort = data.get("soort")
        eis = lambda veld, tekst: None if data.get(veld) not in (None, "") else self.add_error(veld, tekst)  # noqa: E731
        if soort == Soort.EIGEN_KRACHT:
            eis("wie", _("Wie uit het netwerk doet dit?"))
        elif soort == Soort.VRIJ:
            eis("voorziening", _("Kies de voorziening van de sociale kaart."))
        elif soort == Soort.KORTDUREND:
            eis("medewerker", _("Wie van het team biedt de ondersteuning?"))
            eis("aantal_contacten", _("Hoeveel contacten zijn afgesproken?"))
        elif soort == Soort.MAATWERK:
            eis("wet", _("Onder welke wet valt deze maatwerkvoorziening?"))
            eis("volume", _("Vul het volume in."))
            eis("eenheid", _("Kies de eenheid van het volume."))
            eis("frequentie", _("Kies per wanneer het volume geldt (per week, per maand, …)."))
            eis("ingangsdatum", _("Vanaf wanneer?"))
            if data.get("wet") in (Wet.WMO, Wet.JEUGDWET):
                eis("productcategorie", _("Kies de productcategorie."))
                codes = {c for c, _o in codelijsten.productcategorieen(data["wet"])}
                if data.get("productcategorie") and data["productcategorie"] not in codes:
                    self.add_error("productcategorie", _("Deze productcategorie hoort niet bij de gekozen wet."))
        elif soort == Soort.PGB:
            eis("pgb_motivatie", _("Beschrijf het eigen plan en de motivatie van de inwoner."))
        if data.get("einddatum") and data.get("ingangsdatum") and data["einddatum"] < data["ingangsdatum"]:
            self.add_error("einddatum", _("De einddatum ligt voor de begindatum."))
        if data.get("volume") is not None and data["volume"] <= 0:
            self.add_error("volume", _("Het volume moet groter dan nul zijn."))
        if data.get("geraamde_kosten") is not None and data["geraamde_kosten"] < 0:
            self.add_error("geraamde_kosten", _("De kosten kunnen niet negatief zijn."))
        return data


class TerOndertekeningForm(forms.Form):
    bij = forms.ModelChoiceField(label=_("Collega met mandaat"), queryset=Medewerker.objects.none())

    def __init__(self, *args, kandidaten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bij"].queryset = Medewerker.objects.filter(pk__in=[m.pk for m in kandidaten])
