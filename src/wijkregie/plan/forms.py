from __future__ import annotations

import dataclasses
import re
from operator import attrgetter

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wijkregie.core.forms import DateInput
from wijkregie.organisatie.models import Leefgebied, Medewerker, Organisatie, Toegankelijkheid, Voorziening, Wet
from wijkregie.organisatie.selectors import huidige_teamleden

from . import codelijsten, selectors
from .models import (
    AFWEGINGSKADER,
    VEILIGHEIDSVRAGEN,
    Antwoord,
    Arrangementregel,
    Doel,
    MeldcodeStap,
    Ondersteuningsplan,
    Soort,
    ZrmNiveau,
    ZrmScore,
)


@dataclasses.dataclass
class ZrmCel:
    veld: forms.BoundField
    vorige: ZrmScore | None  # the latest score shown in the cell
    verouderd: bool  # that score is older than 30 days: worth asking again


class HuishoudenZrmForm(forms.Form):
    """The household's ZRM in one form: per member and life domain one level, prefilled with the latest
    score, plus each member's own view and strengths (kept with their new scores). Used by the
    vraagverheldering and by every evaluation.

    Only a cell whose level is new or changed becomes a new dated score (`nieuwe_scores`): saving an
    unchanged grid writes nothing, so the history shows when a level moved. A cell that has a score
    cannot be emptied (the history stays); a posted cell of someone who is not (or no longer) a member
    refuses the whole form.
    """

    use_required_attribute = False
    _CEL = re.compile(r"^zrm_(\d+)_(\d+)$")

    def __init__(self, data=None, *, leden, leefgebieden, laatste: dict, met_datum: bool = False, prefix: str = "zrm",
                 **kwargs):
        super().__init__(data, prefix=prefix, **kwargs)
        self.leden, self.leefgebieden, self.laatste = list(leden), list(leefgebieden), laatste
        vandaag = timezone.localdate()
        self._cellen: list[tuple] = []
        for leefgebied in self.leefgebieden:
            for lid in self.leden:
                vorige = laatste.get((lid.pk, leefgebied.pk))
                keuzes = list(ZrmNiveau.choices)
                if vorige is None:
                    keuzes = [("", _("niet gescoord"))] + keuzes
                naam = self.celnaam(lid, leefgebied)
                self.fields[naam] = forms.TypedChoiceField(
                    label=_("ZRM %(leefgebied)s voor %(naam)s") % {"leefgebied": leefgebied, "naam": lid.naam},
                    choices=keuzes, coerce=int, empty_value=None, required=vorige is not None,
                    initial=vorige.niveau if vorige else None,
                    error_messages={
                        "invalid_choice": _("Kies een niveau van 1 tot en met 5."),
                        "required": _("Kies een niveau: een eerdere score wissen kan niet."),
                    },
                )
                self._cellen.append(
                    (naam, leefgebied, lid, vorige, vorige is not None and (vandaag - vorige.datum).days > 30)
                )
        for lid in self.leden:
            self.fields[f"visie_{lid.pk}"] = forms.CharField(
                label=_("Hoe ziet %(naam)s het zelf") % {"naam": lid.naam}, required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"kracht_{lid.pk}"] = forms.CharField(
                label=_("Sterke kanten en netwerk van %(naam)s") % {"naam": lid.naam}, required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}))
        if met_datum:
            self.fields["datum"] = forms.DateField(
                label=_("Datum van het gesprek"),
                initial=vandaag,
                widget=DateInput(),
                error_messages={"required": _("Vul de datum van het gesprek in.")},
            )

    @classmethod
    def voor(cls, data, *, user, casus, met_datum: bool = False) -> HuishoudenZrmForm:
        """The grid of `casus` for `user`: the members they may see (hoofdpersoon first), the gemeente's
        active life domains, the latest scores filled in."""
        return cls(
            data,
            leden=selectors.gezinsleden_visible_to(user, casus),
            leefgebieden=selectors.actieve_leefgebieden(casus.gemeente_id),
            laatste=selectors.laatste_scores(casus),
            met_datum=met_datum,
        )

    @staticmethod
    def celnaam(lid, leefgebied) -> str:
        return f"zrm_{lid.pk}_{leefgebied.pk}"

    def rijen(self) -> list[tuple]:
        """(leefgebied, [ZrmCel per member]) in the order of the table."""
        rijen: dict = {}
        for naam, leefgebied, _lid, vorige, verouderd in self._cellen:
            rijen.setdefault(leefgebied, []).append(ZrmCel(self[naam], vorige, verouderd))
        return list(rijen.items())

    def toelichting(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The rows under the levels: each member's own view, and their strengths and network."""
        return [(_("Eigen visie"), [self[f"visie_{lid.pk}"] for lid in self.leden]),
                (_("Kracht en netwerk"), [self[f"kracht_{lid.pk}"] for lid in self.leden])]

    def clean(self):
        data = super().clean()
        bekend = {(lid.pk, g.pk) for lid in self.leden for g in self.leefgebieden}
        for sleutel in self.data:
            gevonden = (
                self._CEL.match(sleutel.removeprefix(f"{self.prefix}-"))
                if sleutel.startswith(f"{self.prefix}-")
                else None
            )
            if gevonden and (int(gevonden[1]), int(gevonden[2])) not in bekend:
                raise forms.ValidationError(
                    _(
                        "Er is een score gestuurd voor iemand die niet (meer) bij dit huishouden hoort, "
                        "of voor een leefgebied dat niet meer wordt gebruikt. "
                        "Er is niets opgeslagen: controleer de scores en sla opnieuw op."
                    )
                )
        veranderd = {lid.pk for naam, _g, lid, vorige, _v in self._cellen if self._veranderd(naam, vorige)}
        for lid in self.leden:
            for veld in (f"visie_{lid.pk}", f"kracht_{lid.pk}"):
                if (data.get(veld) or "").strip() and lid.pk not in veranderd:
                    self.add_error(
                        veld,
                        _(
                            "Kies eerst een niveau voor %(naam)s: deze tekst wordt alleen bewaard bij een nieuwe "
                            "of veranderde score."
                        )
                        % {"naam": lid.naam},
                    )
        datum = data.get("datum")
        if datum and datum > timezone.localdate():
            self.add_error("datum", _("Een score kan niet in de toekomst liggen."))
        elif datum:
            for naam, leefgebied, lid, vorige, _v in self._cellen:
                if self._veranderd(naam, vorige) and vorige is not None and datum < vorige.datum:
                    self.add_error(
                        "datum",
                        _(
                            "Voor %(naam)s staat op %(leefgebied)s al een score van %(datum)s: "
                            "een nieuwe score kan niet van eerder zijn."
                        )
                        % {"naam": lid.naam, "leefgebied": leefgebied, "datum": vorige.datum.strftime("%d-%m-%Y")},
                    )
                    break
        return data

    def _veranderd(self, naam: str, vorige) -> bool:
        niveau = self.cleaned_data.get(naam)
        return niveau is not None and (vorige is None or niveau != vorige.niveau)

    def nieuwe_scores(self) -> list[ZrmScore]:
        """Unsaved scores for the cells that are new or changed (call after is_valid())."""
        scores = []
        for naam, leefgebied, lid, vorige, _v in self._cellen:
            if self._veranderd(naam, vorige):
                score = ZrmScore(persoon_id=lid.pk, leefgebied=leefgebied, niveau=self.cleaned_data[naam],
                                 eigen_visie=self.cleaned_data.get(f"visie_{lid.pk}", "").strip(),
                                 eigen_kracht=self.cleaned_data.get(f"kracht_{lid.pk}", "").strip())
                if self.cleaned_data.get("datum"):
                    score.datum = self.cleaned_data["datum"]
                scores.append(score)
        return scores


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
        self.fields["toelichting"] = forms.CharField(
            label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
        )

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
            elif (wegingen[-1].afwegingskader or {}).get("acuut_structureel") == "ja" and not data.get(
                "melding_veilig_thuis_op"
            ):
                self.add_error(
                    "melding_veilig_thuis_op",
                    _("Bij acute of structurele onveiligheid is melden bij Veilig Thuis verplicht."),
                )
        if data.get("melding_veilig_thuis_op") and not data.get("referentie_veilig_thuis"):
            self.add_error("referentie_veilig_thuis", _("Noteer het kenmerk dat Veilig Thuis gaf."))
        if data.get("melding_veilig_thuis_op") and data["melding_veilig_thuis_op"] > timezone.localdate():
            self.add_error("melding_veilig_thuis_op", _("Deze datum ligt in de toekomst."))
        self.instance.afwegingskader = kader
        return data


class PlanForm(forms.ModelForm):
    use_required_attribute = False

    class Meta:
        model = Ondersteuningsplan
        fields = ["matched_care", "gedeelde_besluitvorming", "niet_akkoord", "contactpersoon"]
        widgets = {
            "matched_care": forms.Textarea(attrs={"rows": 3}),
            "gedeelde_besluitvorming": forms.Textarea(attrs={"rows": 3}),
            "niet_akkoord": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contactpersoon"].queryset = Medewerker.objects.filter(gemeente=gemeente, is_active=True)


class AkkoordForm(forms.ModelForm):
    """How and when the household agreed: asked where the plan is signed (or offered for signing), so
    that agreeing and signing are one step; the date defaults to today, the conversation's day."""

    use_required_attribute = False

    class Meta:
        model = Ondersteuningsplan
        fields = ["akkoord_wijze", "akkoord_op"]
        widgets = {"akkoord_op": DateInput(), "akkoord_wijze": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["akkoord_wijze"].choices = [c for c in self.fields["akkoord_wijze"].choices if c[0]]
        self.fields["akkoord_wijze"].required = True
        self.fields["akkoord_wijze"].error_messages["required"] = _("Kies hoe het huishouden akkoord gaf.")
        self.fields["akkoord_op"].required = True
        self.fields["akkoord_op"].error_messages["required"] = _("Vul in wanneer het huishouden akkoord gaf.")
        if not self.initial.get("akkoord_op"):
            self.initial["akkoord_op"] = timezone.localdate()

    def clean_akkoord_op(self):
        datum = self.cleaned_data.get("akkoord_op")
        if datum and datum > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return datum


class DoelForm(forms.ModelForm):
    """A goal for one member of the household or (the default) for the whole household."""

    use_required_attribute = False

    class Meta:
        model = Doel
        fields = ["persoon", "leefgebied", "omschrijving", "prioriteit", "doel_niveau", "streefdatum"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 2}), "streefdatum": DateInput()}

    def __init__(self, *args, gemeente, leden, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the casus' members (those the user may see): anyone else is refused as an invalid choice.
        self.fields["persoon"].queryset = leden
        self.fields["persoon"].empty_label = _("Het hele huishouden")
        self.fields["persoon"].help_text = ""
        self.fields["persoon"].error_messages["invalid_choice"] = _(
            "Kies een lid van dit huishouden, of het hele huishouden."
        )
        self.fields["leefgebied"].queryset = Leefgebied.objects.filter(gemeente=gemeente, actief=True)
        self.fields["leefgebied"].empty_label = _("Kies…")
        self.fields["doel_niveau"].choices = [("", _("(geen)"))] + [
            c for c in self.fields["doel_niveau"].choices if c[0] != ""
        ]
        # One rule, one message: the model field is positive (≥ 0) and validated 1–9, which gave "minstens 0"
        # for −3 and "minstens 1" for 0 (issue 13).
        prioriteit = self.fields["prioriteit"]
        tekst = _("Kies een prioriteit van 1 tot en met 9 (1 is het belangrijkst).")
        prioriteit.min_value, prioriteit.max_value = 1, 9
        prioriteit.validators = [MinValueValidator(1), MaxValueValidator(9)]
        prioriteit.widget.attrs.update(min=1, max=9)
        prioriteit.error_messages.update(min_value=tekst, max_value=tekst, invalid=tekst, required=tekst)

    def clean_streefdatum(self):
        """A goal is set for what is still to come: a target date in the past is a typing error (2019).
        A date already saved on this goal stays (a concept edited after its date has passed)."""
        streefdatum = self.cleaned_data.get("streefdatum")
        if streefdatum and streefdatum < timezone.localdate() and streefdatum != self.instance.streefdatum:
            raise forms.ValidationError(_("De streefdatum ligt in het verleden. Kies een datum vanaf vandaag."))
        return streefdatum


class RegelForm(forms.ModelForm):
    """One arrangement line; what is required depends on its type (glossary: arrangement types)."""

    #: The fields that belong to one soort only (the page shows them when that soort is chosen; the
    #: others are always shown). The same table as clean() below, read by plan/regel-soort.js.
    SOORT_VELDEN = {
        "wie": (Soort.EIGEN_KRACHT,), "voorziening": (Soort.VRIJ,),
        "medewerker": (Soort.KORTDUREND,), "aantal_contacten": (Soort.KORTDUREND,),
        **{veld: (Soort.MAATWERK,) for veld in ("volume", "eenheid", "frequentie", "voorkeursaanbieder")},
        **{veld: (Soort.MAATWERK, Soort.PGB) for veld in ("wet", "productcategorie", "ingangsdatum", "einddatum",
                                                         "geraamde_kosten")},
        "pgb_motivatie": (Soort.PGB,),
    }

    def velden_per_soort(self):
        """(field, the soorten it belongs to as one space-separated word list, empty for every soort)."""
        return [(veld, " ".join(self.SOORT_VELDEN.get(veld.name, ()))) for veld in self]

    use_required_attribute = False
    soms_verplicht = {
        "wie",
        "voorziening",
        "medewerker",
        "aantal_contacten",
        "wet",
        "productcategorie",
        "volume",
        "eenheid",
        "frequentie",
        "ingangsdatum",
        "pgb_motivatie",
    }

    class Meta:
        model = Arrangementregel
        fields = [
            "soort",
            "omschrijving",
            "doel",
            "wie",
            "voorziening",
            "medewerker",
            "aantal_contacten",
            "wet",
            "productcategorie",
            "volume",
            "eenheid",
            "frequentie",
            "ingangsdatum",
            "einddatum",
            "voorkeursaanbieder",
            "geraamde_kosten",
            "pgb_motivatie",
        ]
        widgets = {
            "ingangsdatum": DateInput(),
            "einddatum": DateInput(),
            "pgb_motivatie": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, gemeente, doelen=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this plan's goals: another plan's goal is refused as an invalid choice.
        self.fields["doel"].queryset = doelen if doelen is not None else Doel.objects.none()
        self.fields["doel"].empty_label = _("(geen)")
        self.fields["doel"].label_from_instance = lambda d: f"{d.leefgebied}: {Truncator(d.omschrijving).chars(60)}"
        self.fields["doel"].error_messages["invalid_choice"] = _("Kies een doel van dit plan.")
        self.fields["voorziening"].queryset = (
            Voorziening.objects.filter(gemeente=gemeente, toegang=Toegankelijkheid.VRIJ)
            .select_related("organisatie")
            .order_by("naam", "organisatie__naam")
        )
        self.fields["voorziening"].label_from_instance = attrgetter("naam_met_organisatie")
        self.fields["medewerker"].queryset = Medewerker.objects.filter(
            gemeente=gemeente, is_active=True, teamlidmaatschappen__isnull=False
        ).distinct()
        self.fields["voorkeursaanbieder"].queryset = Organisatie.objects.filter(gemeente=gemeente)
        for name in ("voorziening", "medewerker", "voorkeursaanbieder"):
            self.fields[name].empty_label = _("(geen)")
        codes = [("", _("(geen)"))]
        for wet in (Wet.WMO, Wet.JEUGDWET):
            codes.append((str(Wet(wet).label), [(c, f"{c} {o}") for c, o in codelijsten.productcategorieen(wet)]))
        self.fields["productcategorie"] = forms.ChoiceField(label=_("Productcategorie"), choices=codes, required=False,
                                                            help_text=_("iWmo WMO020 of iJw JZ020."))
        self.fields["eenheid"] = forms.ChoiceField(
            label=_("Eenheid"),
            required=False,
            choices=[("", _("(geen)"))] + [(c, o) for c, o in codelijsten.eenheden()],
        )
        self.fields["frequentie"] = forms.ChoiceField(
            label=_("Frequentie"),
            required=False,
            choices=[("", _("(geen)"))] + [(c, o) for c, o in codelijsten.frequenties()],
        )
        self.fields["wet"].choices = [("", _("(geen)"))] + list(Wet.choices)
        self.fields["soort"].choices = [("", _("Kies…"))] + list(Soort.choices)

    def clean(self):
        data = super().clean()
        soort = data.get("soort")
        eis = (  # noqa: E731
            lambda veld, tekst: None if data.get(veld) not in (None, "") else self.add_error(veld, tekst)
        )
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
