"""Forms for organisation data. Every choice of a related object is limited to the user's gemeente."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wijkregie.core.forms import DateInput

from .models import (
    Locatie,
    LocatieFase,
    Mandaat,
    Medewerker,
    Organisatie,
    Rol,
    Team,
    Teamlid,
    Toegankelijkheid,
    Voorziening,
    Wet,
    Wijk,
)


def _formfield(model_field, **kwargs):
    # Addresses typed without a scheme are https: Django 6's default, chosen now.
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class GemeenteForm(forms.ModelForm):
    """Binds the instance to `gemeente` and limits every related-object choice to that gemeente."""

    use_required_attribute = False

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeente = gemeente
        if self.instance._state.adding:
            self.instance.gemeente = gemeente
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset.model, "gemeente"):
                field.queryset = queryset.filter(gemeente=gemeente)
            if isinstance(field.widget, forms.DateInput):
                field.widget = DateInput()
            if isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField):
                field.empty_label = _("Kies…") if field.required else _("(geen)")


SLUG_FOUT = _("Gebruik alleen kleine letters, cijfers en streepjes, bijvoorbeeld nieuw-den-helder.")


class WijkForm(GemeenteForm):
    def clean(self):
        data = super().clean()
        if data.get("huishoudens") and data.get("inwoners") is not None and data["huishoudens"] > data["inwoners"]:
            self.add_error("huishoudens", _("Er kunnen niet meer huishoudens dan inwoners zijn."))
        return data

    class Meta:
        model = Wijk
        fields = [
            "naam", "slug", "inwoners", "huishoudens", "zorgvragen",
            "problematiek_jeugd", "problematiek_zorg_wmo", "problematiek_werk",
        ]
        error_messages = {"slug": {"invalid": SLUG_FOUT}}

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Wijk.objects.filter(gemeente=self.gemeente, slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Er is al een wijk met deze korte naam."))
        return slug


class LocatieForm(GemeenteForm):
    class Meta:
        model = Locatie
        fields = ["wijk", "naam", "adres", "virtueel"]


class LocatieFaseForm(GemeenteForm):
    class Meta:
        model = LocatieFase
        fields = ["locatie", "model", "geldig_van", "geldig_tot"]


class TeamForm(GemeenteForm):
    class Meta:
        model = Team
        fields = ["naam", "slug", "wijken", "locatie"]
        widgets = {"wijken": forms.CheckboxSelectMultiple}
        error_messages = {"slug": {"invalid": SLUG_FOUT}}

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Team.objects.filter(gemeente=self.gemeente, slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Er is al een team met deze korte naam."))
        return slug


class TeamlidForm(GemeenteForm):
    class Meta:
        model = Teamlid
        fields = ["team", "medewerker", "uren_per_week", "sinds", "tot"]

    def clean(self):
        data = super().clean()
        if data.get("tot") and data.get("sinds") and data["tot"] < data["sinds"]:
            self.add_error("tot", _("De einddatum ligt voor de begindatum."))
        return data


class OrganisatieForm(GemeenteForm):
    class Meta:
        model = Organisatie
        formfield_callback = _formfield
        fields = ["naam", "soort", "omschrijving", "telefoon", "email", "website", "adres"]

    def clean_naam(self):
        naam = self.cleaned_data["naam"]
        if Organisatie.objects.filter(gemeente=self.gemeente, naam__iexact=naam).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Deze organisatie staat al op de sociale kaart."))
        return naam


class VoorzieningForm(GemeenteForm):
    class Meta:
        model = Voorziening
        formfield_callback = _formfield
        fields = [
            "organisatie", "naam", "omschrijving", "toegang", "gecontracteerd", "wet", "wijken",
            "telefoon", "email", "website", "adres",
        ]
        widgets = {"wijken": forms.CheckboxSelectMultiple}
        help_texts = {"wijken": _("Geen wijk gekozen: voor de hele gemeente.")}


class MandaatForm(GemeenteForm):
    class Meta:
        model = Mandaat
        fields = [
            "houder", "verlener", "besluit", "ondermandaat_van", "via_organisatie",
            "wmo", "jeugdwet", "participatiewet", "productcategorieen", "maximum_bedrag",
            "geldig_van", "geldig_tot", "bevestigd_op", "ingetrokken_op",
        ]

    def clean_productcategorieen(self):
        """Each code from the chosen laws' lists (WMO020, JZ020), written "02, 45": a typo such as "2" made a
        mandaat that quietly covered no category."""
        from wijkregie.plan.codelijsten import productcategorieen

        tekst = self.cleaned_data.get("productcategorieen") or ""
        codes = [c.strip() for c in tekst.split(",") if c.strip()]
        bekend = {code for wet in ("wmo", "jeugdwet") for code, _omschrijving in productcategorieen(wet)}
        onbekend = [c for c in codes if c not in bekend]
        if onbekend:
            raise forms.ValidationError(
                ngettext("Onbekende productcategorie: %(codes)s.", "Onbekende productcategorieën: %(codes)s.",
                         len(onbekend)) % {"codes": ", ".join(onbekend)} + " "
                + _("Gebruik de codes van twee cijfers uit de iWmo- of iJw-lijst, gescheiden door komma's, "
                    "bijvoorbeeld 02, 45."))
        return ", ".join(codes)

    def clean(self):
        data = super().clean()
        houder = data.get("houder")
        org = houder.moederorganisatie if houder else None
        if houder and (org is None or org.soort != "gemeente") and not data.get("bevestigd_op"):
            self.add_error(
                "bevestigd_op",
                _(
                    "De houder is niet in dienst van de gemeente: "
                    "vul in wanneer die het mandaat schriftelijk bevestigde."
                ),
            )
        parent = data.get("ondermandaat_van")
        if parent is not None:
            for wet in Wet:
                if data.get(wet.value) and not getattr(parent, wet.value):
                    self.add_error(
                        wet.value, _("Een ondermandaat kan niet verder gaan dan het mandaat waar het van afgeleid is.")
                    )
        return data


class MedewerkerForm(GemeenteForm):
    rollen = forms.MultipleChoiceField(
        label=_("Rollen"), choices=Rol.choices, widget=forms.CheckboxSelectMultiple, required=True,
        error_messages={"required": _("Kies ten minste één rol.")},
    )
    wachtwoord = forms.CharField(
        label=_("Eerste wachtwoord"), required=False, widget=forms.PasswordInput(render_value=True),
        help_text=_("Alleen bij een nieuw account in de demo. Ten minste 12 tekens."),
    )

    class Meta:
        model = Medewerker
        fields = [
            "username", "first_name", "last_name", "email", "telefoon", "specialisme",
            "moederorganisatie", "focuswijken", "is_active",
        ]
        widgets = {"focuswijken": forms.CheckboxSelectMultiple}
        labels = {"username": _("Gebruikersnaam"), "is_active": _("Account actief")}
        help_texts = {"username": _("Letters, cijfers en de tekens @ . + - _ (bijvoorbeeld s.visser).")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            self.fields["rollen"].initial = sorted(self.instance.rollen)
            del self.fields["wachtwoord"]
        elif settings.REQUIRE_2FA:
            # Outside demo mode the person chooses their own password on the one-time activation page
            # (core/accounts.py): a password typed here would be known to two people and would be the
            # only thing between an attacker and the account before its authenticator is enrolled.
            del self.fields["wachtwoord"]
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = name != "email"

    def clean_wachtwoord(self):
        wachtwoord = self.cleaned_data.get("wachtwoord")
        if self.instance._state.adding:
            if not wachtwoord:
                raise forms.ValidationError(_("Geef een eerste wachtwoord."))
            validate_password(wachtwoord, self.instance)
        return wachtwoord


def choices_with_empty(choices, label) -> list:
    return [("", label)] + list(choices)


class SocialeKaartZoekForm(forms.Form):
    """The search form of the sociale kaart; every field optional, GET, so results can be linked."""

    filter_form = True  # every field is optional by nature: no "(niet verplicht)" on each

    q = forms.CharField(
        label=_("Zoek"), required=False, max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=_("Naam, onderwerp of organisatie"),
    )
    toegang = forms.ChoiceField(
        label=_("Toegang"), required=False, choices=choices_with_empty(Toegankelijkheid.choices, _("Alle"))
    )
    wet = forms.ChoiceField(label=_("Wet"), required=False, choices=choices_with_empty(Wet.choices, _("Alle")))
    wijk = forms.ModelChoiceField(
        label=_("Wijk"), required=False, queryset=Wijk.objects.none(), empty_label=_("Alle wijken")
    )
    gecontracteerd = forms.BooleanField(label=_("Alleen gecontracteerd"), required=False)

    def __init__(self, *args, wijken, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk"].queryset = wijken
