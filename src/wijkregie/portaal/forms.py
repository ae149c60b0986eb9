"""The portal's forms. What a partner may send is checked by the partner API's own serializers
(api/serializers.py), run on what was typed: the portal and the API refuse exactly the same input,
with the same Dutch message at the field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkregie.api import serializers as api_serializers
from wijkregie.api.models import VoorstelSoort
from wijkregie.core.forms import DateInput
from wijkregie.organisatie.models import OrganisatieSoort
from wijkregie.toegang.models import SignaalBron, Verwijzer


class InlogForm(forms.Form):
    use_required_attribute = False

    gebruikersnaam = forms.CharField(label=_("Gebruikersnaam"), max_length=150,
                                     widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}))
    wachtwoord = forms.CharField(label=_("Wachtwoord"), max_length=200, strip=False,
                                 widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class ActivatieForm(forms.Form):
    use_required_attribute = False

    wachtwoord1 = forms.CharField(label=_("Kies een wachtwoord"), strip=False, max_length=200,
                                  help_text=_("Minstens 12 tekens; niet alleen cijfers, niet te gewoon."),
                                  widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    wachtwoord2 = forms.CharField(label=_("Hetzelfde wachtwoord nog eens"), strip=False, max_length=200,
                                  widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    code = forms.RegexField(
        label=_("Code uit uw authenticator-app"), regex=r"^\s*\d{6}\s*$", max_length=8,
        error_messages={"invalid": _("Vul de zes cijfers in die uw app nu toont."), "required": _("Vul de code in.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))

    def clean(self):
        data = super().clean()
        if data.get("wachtwoord1") and data.get("wachtwoord2") and data["wachtwoord1"] != data["wachtwoord2"]:
            self.add_error("wachtwoord2", _("De twee wachtwoorden zijn niet gelijk."))
        if data.get("code"):
            data["code"] = data["code"].strip()
        return data


class ApiRegelsForm(forms.Form):
    """Renders the fields; `clean` hands what was typed to the API's serializer and puts its errors at
    the fields. `cleaned_data` is then what the serializer validated, ready for the API's service."""

    use_required_attribute = False
    serializer_class: type = None

    def ruwe_gegevens(self) -> dict:
        return {naam: self.data.get(self.add_prefix(naam), "") for naam in self.fields}

    def clean(self):
        serializer = self.serializer_class(data={k: v for k, v in self.ruwe_gegevens().items() if v not in ("", None)}
                                           | self.verplicht_leeg())
        if serializer.is_valid():
            return dict(serializer.validated_data)
        for veld, fouten in serializer.errors.items():
            if veld in self.fields and veld in self.errors:
                # The form already says what is wrong with this field, at the field, in its words: the API's second
                # opinion on an empty field ("Dit veld mag niet leeg zijn.", a date format in English) adds nothing.
                continue
            naam = veld if veld in self.fields else None
            for fout in fouten:
                self.add_error(naam, str(fout))
        return self.cleaned_data

    def verplicht_leeg(self) -> dict:
        """Required fields left empty go to the serializer as empty, so that it names them."""
        return {
            naam: "" for naam, veld in self.fields.items() if veld.required and not self.data.get(self.add_prefix(naam))
        }


#: The verwijzer (COD327) an organisation of each kind refers as, where its kind says so without doubt: a
#: huisartsenpraktijk refers as huisarts. Other kinds may refer in more than one capacity (a GGD as jeugdarts or
#: not, a gemeente desk for a self-referring resident), so they choose.
VERWIJZER_VOOR_SOORT = {OrganisatieSoort.HUISARTS: Verwijzer.HUISARTS}


class VerwijzingForm(ApiRegelsForm):
    """A referral; the verwijzer is preset from the kind of the partner's organisation, and can be changed."""

    serializer_class = api_serializers.VerwijzingInvoer

    naam = forms.CharField(label=_("Naam van de inwoner"), required=True, max_length=200)
    geboortedatum = forms.CharField(label=_("Geboortedatum"), required=True, widget=DateInput())
    bsn = forms.CharField(label=_("BSN"), required=False, max_length=20,
                          help_text=_("Als u het weet; wordt met de elfproef gecontroleerd."),
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    postcode = forms.CharField(label=_("Postcode"), required=True, max_length=20,
                               help_text=_("Van het woonadres; het moet in de gemeente liggen."),
                               widget=forms.TextInput(attrs={"autocomplete": "off"}))
    contact = forms.CharField(label=_("Hoe bereikt het wijkteam de inwoner?"), required=False, max_length=200,
                              help_text=_("Telefoon of e-mail."))
    vraag = forms.CharField(
        label=_("Vraag of zorg"),
        required=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Zo veel mogelijk in de woorden van de inwoner. De inwoner weet van de verwijzing."),
    )
    verwijzer = forms.ChoiceField(label=_("Verwijzer"), required=True, choices=[("", _("Kies…")), *Verwijzer.choices],
                                  help_text=_("Wie de inwoner verwijst."))
    contactpersoon = forms.CharField(label=_("Contactpersoon bij u"), required=False, max_length=200,
                                     help_text=_("Wie meer weet (naam, telefoon)."))
    kenmerk = forms.CharField(label=_("Uw eigen kenmerk"), required=False, max_length=100,
                              help_text=_("Bijvoorbeeld het nummer in uw eigen systeem; geen BSN of naam."))

    def __init__(self, *args, organisatie=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisatie is not None and (verwijzer := VERWIJZER_VOOR_SOORT.get(organisatie.soort)):
            self.fields["verwijzer"].initial = verwijzer


class SignaalForm(ApiRegelsForm):
    serializer_class = api_serializers.SignaalInvoer

    bron = forms.ChoiceField(label=_("Soort signaal"), required=True)
    omschrijving = forms.CharField(label=_("Wat is er aan de hand?"), required=True,
                                   widget=forms.Textarea(attrs={"rows": 4}))
    adres = forms.CharField(label=_("Adres of plek"), required=True, max_length=250)
    melder = forms.CharField(label=_("Wie geeft het signaal?"), required=False, max_length=150,
                             help_text=_("Uw naam of afdeling, voor vragen van het wijkteam."))

    def __init__(self, *args, bronnen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bron"].choices = [("", _("Kies…"))] + [(k, v) for k, v in SignaalBron.choices if k in bronnen]


class VoorstelForm(ApiRegelsForm):
    serializer_class = api_serializers.VoorstelInvoer

    soort = forms.ChoiceField(label=_("Wat stelt u voor?"), required=True, choices=VoorstelSoort.choices,
                              widget=forms.RadioSelect)
    omschrijving = forms.CharField(
        label=_("Uw voorstel"),
        required=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De regisseur van het wijkteam beslist; u ziet hieronder wat ermee gebeurde."),
    )
    leefgebied = forms.ChoiceField(label=_("Leefgebied (bij een nieuw doel)"), required=False)
    doel = forms.ChoiceField(label=_("Doel (bij voortgang)"), required=False)
    ingangsdatum = forms.CharField(label=_("Vanaf (bij een afspraak)"), required=False, widget=DateInput())

    def __init__(self, *args, leefgebieden, doelen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leefgebied"].choices = [("", _("Kies…"))] + [(g.naam, g.naam) for g in leefgebieden]
        self.fields["doel"].choices = [("", _("Kies…"))] + list(doelen)


class AccountForm(forms.Form):
    """The functioneel beheerder's form for a portal account (portaal/beheer.py)."""

    use_required_attribute = False

    organisatie = forms.ModelChoiceField(queryset=None, label=_("Organisatie"), empty_label=_("Kies…"))
    naam = forms.CharField(label=_("Naam"), max_length=150, help_text=_("Van de persoon; staat in de auditlog."))
    gebruikersnaam = forms.RegexField(
        label=_("Gebruikersnaam"), max_length=150, regex=r"^[A-Za-z0-9.@_-]+$",
        error_messages={"invalid": _("Alleen letters, cijfers en . @ _ -, zonder spaties.")})
    scopes = forms.MultipleChoiceField(label=_("Rechten"), widget=forms.CheckboxSelectMultiple,
                                       help_text=_("Alleen wat deze persoon nodig heeft."))

    def __init__(self, *args, gemeente, **kwargs):
        from wijkregie.api.models import Scope
        from wijkregie.organisatie.models import Organisatie

        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.filter(gemeente=gemeente).order_by("naam")
        self.fields["scopes"].choices = Scope.choices

    def clean_gebruikersnaam(self):
        from .models import PortaalGebruiker

        naam = self.cleaned_data["gebruikersnaam"]
        if PortaalGebruiker.objects.filter(gebruikersnaam__iexact=naam).exists():
            raise forms.ValidationError(_("Deze gebruikersnaam bestaat al; kies een andere."))
        return naam
