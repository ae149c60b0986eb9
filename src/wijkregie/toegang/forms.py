"""Forms of the toegang: one page per step, required only what the step cannot do without."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.core.forms import DateTimeInput
from wijkregie.inwoners.models import Persoon, postcode_opschonen
from wijkregie.organisatie.models import Leefgebied, Medewerker, Team
from wijkregie.organisatie.selectors import vrije_voorzieningen, vrije_voorzieningen_keuzes

from .models import Aanmelding, Kanaal, Signaal, Triage, Uitkomst, Veiligheid


def _niet_in_de_toekomst(value):
    if value and value > timezone.now() + timezone.timedelta(minutes=5):
        raise forms.ValidationError(_("Dit tijdstip ligt in de toekomst."))
    return value


class GekozenPersoonVeld(forms.ModelChoiceField):
    """A resident chosen by key (a hidden field), found by `vind(key)` when the form is given it: the access
    policy's statement kept for the user (inwoners.selectors.persoon_zichtbaar), the same resident or None as
    the queryset. The queryset's conditions compiled for that one key were a tenth of registering an
    aanmelding's Python time under load (issue 17)."""

    vind = None

    def to_python(self, value):
        if value in self.empty_values or self.vind is None:
            return super().to_python(value)
        persoon = self.vind(getattr(value, "pk", value))
        if persoon is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                        params={"value": value})
        return persoon


class AanmeldingForm(forms.ModelForm):
    # Errors are shown by the server at the field; the browser's own bubbles (and red borders on an
    # untouched page) would come first and in the browser's language.
    use_required_attribute = False
    soms_verplicht = {"verwijzer", "advies"}  # required for a partner referral / a front-door answer
    AFHANDELING = [
        ("bureaudienst", _("Door naar de bureaudienst")),
        ("voorkant", _("Afgehandeld met informatie en advies")),
    ]
    afhandeling = forms.ChoiceField(
        label=_("Afhandeling"), choices=AFHANDELING, initial="bureaudienst", widget=forms.RadioSelect
    )
    # For a new resident registered with the question: gezag over the children registered with them.
    hoofd_gezag = forms.BooleanField(label=_("Heeft gezag over de kinderen"), required=False)
    # A known resident, chosen from what the access policy lets the user see (`personen`). Declared here and
    # not in Meta, so the model's own check that the row exists (a second query for what the field has just
    # read, more loosely) is not run; clean() puts the resident on the aanmelding.
    persoon = GekozenPersoonVeld(queryset=Persoon.objects.none(), required=False, widget=forms.HiddenInput,
                                 label=Aanmelding._meta.get_field("persoon").verbose_name)

    class Meta:
        model = Aanmelding
        fields = [
            "kanaal", "verwijzer", "verwijzer_naam", "vraagsteller", "contact", "anoniem_naam", "postcode",
            "vraag", "ontvangen_op", "advies", "voorziening",
        ]
        widgets = {
            "kanaal": forms.RadioSelect,
            "vraag": forms.Textarea(attrs={"rows": 4}),
            "advies": forms.Textarea(attrs={"rows": 3}),
            "ontvangen_op": DateTimeInput(),
        }
        help_texts = {
            "anoniem_naam": _(
                "Als de persoon (nog) niet geregistreerd is. Leeg laten mag: dan blijft de aanmelding anoniem."
            ),
            "advies": _("Wat heeft u de inwoner verteld of aangeraden?"),
        }

    def __init__(self, *args, personen, gemeente, vind_persoon=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = personen
        self.fields["persoon"].vind = vind_persoon
        gemeente_id = getattr(gemeente, "pk", gemeente)
        # The queryset checks a posted choice; the list shown is the kept one (organisatie.selectors).
        self.fields["voorziening"].queryset = vrije_voorzieningen(gemeente_id)
        self.fields["voorziening"].help_text = _("Een vrij toegankelijke voorziening van de sociale kaart.")
        if "ontvangen_op" not in self.initial:
            self.fields["ontvangen_op"].initial = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["kanaal"].choices = list(Kanaal.choices)
        self.fields["verwijzer"].help_text = _("Alleen als een partner de inwoner verwijst.")
        self.fields["verwijzer"].choices = [("", _("(geen)"))] + list(self.fields["verwijzer"].choices)[1:]
        self.fields["voorziening"].empty_label = _("(geen)")
        # Read when the list is shown (a callable), not by a post that is saved and redirected.
        self.fields["voorziening"].choices = lambda: [("", _("(geen)")), *vrije_voorzieningen_keuzes(gemeente_id)]
        self.fields["vraag"].error_messages["required"] = _(
            "Beschrijf de vraag, zo veel mogelijk in de woorden van de inwoner."
        )

    def clean_ontvangen_op(self):
        return _niet_in_de_toekomst(self.cleaned_data.get("ontvangen_op"))

    def clean_vraag(self):
        vraag = (self.cleaned_data.get("vraag") or "").strip()
        if not vraag:
            raise forms.ValidationError(_("Beschrijf de vraag, zo veel mogelijk in de woorden van de inwoner."))
        return vraag

    def clean_postcode(self):
        return postcode_opschonen(self.cleaned_data.get("postcode", ""))

    def clean(self):
        data = super().clean()
        self.instance.persoon = data.get("persoon")
        if data.get("kanaal") == Kanaal.PARTNER and not data.get("verwijzer"):
            self.add_error("verwijzer", _("Kies wie verwijst: dat is nodig bij een aanmelding door een partner."))
        if data.get("afhandeling") == "voorkant" and not (data.get("advies") or "").strip():
            self.add_error("advies", _("Schrijf kort op welke informatie of welk advies is gegeven."))
        return data


class TriageForm(forms.ModelForm):
    use_required_attribute = False
    soms_verplicht = {"veiligheid_toelichting", "vraagverheldering_door"}
    class Meta:
        model = Triage
        fields = [
            "urgentie", "veiligheid", "veiligheid_toelichting", "leefgebieden", "betrokken_leden",
            "aard", "uitkomst", "vraagverheldering_door",
        ]
        widgets = {
            "urgentie": forms.RadioSelect,
            "veiligheid": forms.RadioSelect,
            "uitkomst": forms.RadioSelect,
            "aard": forms.RadioSelect,
            "leefgebieden": forms.CheckboxSelectMultiple,
            "betrokken_leden": forms.CheckboxSelectMultiple,
            "veiligheid_toelichting": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, gemeente, leden, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leefgebieden"].queryset = Leefgebied.objects.filter(gemeente=gemeente, actief=True)
        self.fields["betrokken_leden"].queryset = leden
        # Vraagverheldering is done by a professional of a team (of the allocated team, once known).
        professionals = Medewerker.objects.filter(
            gemeente=gemeente,
            is_active=True,
            roltoewijzingen__rol__in=["medewerker", "gedragswetenschapper", "teamleider"],
            teamlidmaatschappen__isnull=False,
        )
        if team is not None:
            professionals = professionals.filter(teamlidmaatschappen__team=team)
        self.fields["vraagverheldering_door"].queryset = professionals.distinct()
        # The safety question cannot be skipped: no default, no empty choice.
        self.fields["veiligheid"].choices = list(Veiligheid.choices)
        self.fields["veiligheid"].error_messages["required"] = _(
            "Beantwoord de veiligheidsvraag: die is altijd verplicht."
        )
        self.fields["aard"].choices = [c for c in self.fields["aard"].choices if c[0]]
        self.fields["uitkomst"].choices = [c for c in self.fields["uitkomst"].choices if c[0]]
        self.fields["urgentie"].choices = [c for c in self.fields["urgentie"].choices if c[0]]

    def save(self, commit=True):
        # "Meervoudig" is part of the aard (seed 004 Tabel 7): asking it again was a second checkbox for
        # the same answer.
        self.instance.meervoudig = (self.instance.aard or "").startswith("meervoudig")
        return super().save(commit=commit)

    def clean(self):
        data = super().clean()
        if (
            data.get("veiligheid") in (Veiligheid.JA, Veiligheid.TWIJFEL)
            and not (data.get("veiligheid_toelichting") or "").strip()
        ):
            self.add_error("veiligheid_toelichting", _("Beschrijf kort wat de zorg over de veiligheid is."))
        if data.get("uitkomst") == Uitkomst.OPGELOST and (
            data.get("veiligheid") in (Veiligheid.JA, Veiligheid.TWIJFEL) or data.get("urgentie") == "acuut"
        ):
            self.add_error(
                "uitkomst",
                _(
                    "Bij twijfel of zorg over de veiligheid, of bij acute nood, "
                    "kan een vraag niet aan de voorkant worden afgesloten."
                ),
            )
        if data.get("uitkomst") == Uitkomst.VRAAGVERHELDERING and not data.get("vraagverheldering_door"):
            self.add_error("vraagverheldering_door", _("Kies wie de vraagverheldering doet."))
        return data


class ToedelingForm(forms.Form):
    """Team and medewerker: the medewerkers offered are the current members of the chosen team (the team
    the page prefills from the resident's wijk, the one posted, or the one chosen since: `ververs_url`
    answers with the medewerker field for another team, htmx swaps it in)."""

    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(),
                                  error_messages={"required": _("Kies het team."),
                                                  "invalid_choice": _("Kies een team van de gemeente.")})
    medewerker = forms.ModelChoiceField(label=_("Medewerker"), queryset=Medewerker.objects.none(), required=False,
                                        help_text=_("Leeg: het team verdeelt zelf."))
    reden = forms.CharField(label=_("Reden"), required=False, max_length=300,
                            help_text=_("Verplicht bij een nieuwe toedeling."))

    def __init__(self, *args, gemeente, herverdeling: bool = False, ververs_url: str = "", **kwargs):
        from wijkregie.organisatie.selectors import huidige_teamleden

        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(gemeente=gemeente).order_by("naam")
        self.fields["team"].empty_label = _("Kies…")
        if ververs_url:
            self.fields["team"].widget.attrs.update({
                "hx-get": ververs_url, "hx-trigger": "change", "hx-target": "#toedeling-medewerker",
                "hx-select": "#toedeling-medewerker", "hx-swap": "outerHTML", "aria-controls": "id_medewerker",
            })
        if herverdeling:
            self.fields["reden"].required = True
            self.fields["reden"].help_text = ""
            self.fields["reden"].error_messages["required"] = _("Geef een reden voor de nieuwe toedeling.")
        else:
            del self.fields["reden"]
        team_id = self.gekozen_team_id()
        medewerker = self.fields["medewerker"]
        medewerker.queryset = (Medewerker.objects.filter(
            pk__in=huidige_teamleden(gemeente).filter(team_id=team_id).values("medewerker_id"), is_active=True,
        ).order_by("first_name", "last_name") if team_id else Medewerker.objects.none())
        medewerker.empty_label = _("(geen)")
        medewerker.error_messages["invalid_choice"] = _("Deze medewerker is geen lid van het gekozen team.")
        if team_id is None:
            medewerker.help_text = _("Kies eerst een team; leeg: het team verdeelt zelf.")

    def clean(self):
        data = super().clean()
        if self.has_error("team"):
            # Without a team no medewerker can be offered: one error, at the team, is the whole story.
            self._errors.pop("medewerker", None)
        return data

    def gekozen_team_id(self) -> int | None:
        """The team whose members are offered: the posted one, else the prefilled one."""
        waarde = self.data.get(self.add_prefix("team")) if self.is_bound else self.initial.get("team")
        waarde = str(getattr(waarde, "pk", waarde) or "")
        return int(waarde) if waarde.isdigit() and waarde.isascii() else None


class SignaalForm(forms.ModelForm):
    use_required_attribute = False
    class Meta:
        model = Signaal
        fields = ["bron", "melder", "omschrijving", "persoon", "adres", "ontvangen_op"]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 4}),
            "ontvangen_op": DateTimeInput(),
            "persoon": forms.HiddenInput,
        }

    def __init__(self, *args, personen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = personen
        self.fields["persoon"].required = False
        self.fields["ontvangen_op"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def clean_ontvangen_op(self):
        return _niet_in_de_toekomst(self.cleaned_data.get("ontvangen_op"))


class RedenForm(forms.Form):
    reden = forms.CharField(label=_("Reden"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}),
                            error_messages={"required": _("Geef een reden.")})


class WebformulierForm(forms.Form):
    """Public form: short and plain. `website` is a honeypot: people do not see it, robots fill it."""

    use_required_attribute = False

    naam = forms.CharField(label=_("Uw naam"), max_length=150, error_messages={"required": _("Vul uw naam in.")},
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    contact = forms.CharField(
        label=_("Telefoonnummer of e-mailadres"), max_length=150,
        help_text=_("Zo kunnen we contact met u opnemen."),
        error_messages={"required": _("Vul een telefoonnummer of e-mailadres in, anders kunnen we u niet bereiken.")},
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False,
                               widget=forms.TextInput(attrs={"autocomplete": "postal-code"}))
    vraag = forms.CharField(
        label=_("Waar wilt u hulp bij?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Schrijf kort waar u hulp bij wilt.")},
    )
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False,
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))
    begonnen = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_postcode(self):
        return postcode_opschonen(self.cleaned_data.get("postcode", ""))

    def clean_contact(self):
        contact = self.cleaned_data["contact"].strip()
        digits = sum(ch.isdigit() for ch in contact)
        if "@" not in contact and digits < 10:
            raise forms.ValidationError(_("Vul een geldig telefoonnummer (10 cijfers) of e-mailadres in."))
        return contact
