from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkregie.core.bsn import normalise_bsn, validate_bsn
from wijkregie.core.models import AuditActie
from wijkregie.organisatie.models import Medewerker
from wijkregie.privacy.models import Oordeel

DATUM_FORMATEN = ["%d-%m-%Y", "%Y-%m-%d"]
DATUM_FOUT = _("Vul een datum in als dd-mm-jjjj, bijvoorbeeld 01-12-2026.")


class DatumInput(forms.DateInput):
    """A Dutch date as people type it (dd-mm-jjjj); a text field, so a wrong entry stays visible."""

    input_type = "text"

    def __init__(self):
        super().__init__(format="%d-%m-%Y", attrs={"inputmode": "numeric", "autocomplete": "off", "size": 10})


class AuditZoekForm(forms.Form):
    """The privacy officer's search: a resident (name or BSN), a medewerker, a period, an action."""

    filter_form = True

    inwoner = forms.CharField(
        label=_("Inwoner"), required=False, max_length=100,
        help_text=_("Naam of BSN"),
    )
    geboortedatum = forms.DateField(label=_("Geboortedatum"), required=False, input_formats=DATUM_FORMATEN,
                                    widget=DatumInput, help_text=_("van de inwoner, dd-mm-jjjj"),
                                    error_messages={"invalid": DATUM_FOUT})
    medewerker = forms.ModelChoiceField(
        label=_("Medewerker"), required=False, queryset=Medewerker.objects.none(), empty_label=_("Alle medewerkers"),
    )
    actie = forms.ChoiceField(
        label=_("Actie"), required=False, choices=[("", _("Alle acties"))] + list(AuditActie.choices)
    )
    #: What a privacy officer looks for first: shares without consent, and refused attempts.
    bijzonder = forms.ChoiceField(label=_("Grondslag en resultaat"), required=False, choices=[
        ("", _("Alles")), ("wettelijk", _("Gedeeld zonder toestemming (wettelijke grondslag)")),
        ("geweigerd", _("Geweigerd")), ("noodtoegang", _("Noodtoegang")),
    ])
    van = forms.DateField(label=_("Van"), required=False, input_formats=DATUM_FORMATEN, widget=DatumInput,
                          help_text=_("dd-mm-jjjj"), error_messages={"invalid": DATUM_FOUT})
    tot = forms.DateField(label=_("Tot en met"), required=False, input_formats=DATUM_FORMATEN, widget=DatumInput,
                          help_text=_("dd-mm-jjjj"), error_messages={"invalid": DATUM_FOUT})

    def __init__(self, *args, gemeente_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].queryset = Medewerker.objects.filter(gemeente_id=gemeente_id).order_by(
            "first_name", "last_name", "username"
        )

    def clean_inwoner(self) -> dict | None:
        """{'bsn': ...} when the entry is a number (checked with the elfproef), else {'naam': ...}."""
        value = self.cleaned_data["inwoner"].strip()
        if not value:
            return None
        digits = normalise_bsn(value)
        if digits.isdigit():
            try:
                validate_bsn(digits)
            except ValidationError as exc:
                raise ValidationError(exc.messages) from None
            return {"bsn": digits}
        if len(value) < 2:
            raise ValidationError(_("Vul minstens twee letters van de naam in."))
        return {"naam": value}

    def clean(self):
        data = super().clean()
        for veld in ("van", "tot"):
            datum = data.get(veld)
            if datum and not 2000 <= datum.year <= 2100:
                self.add_error(veld, _("Kies een datum tussen 2000 en 2100."))
                data.pop(veld, None)
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("Deze datum ligt vóór de begindatum."))
        return data


class NoodtoegangZoekForm(forms.Form):
    """Who the file is about, exactly: a BSN, or a surname with its birth date (never a partial name)."""

    bsn = forms.CharField(label=_("BSN"), required=False, max_length=11,
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    achternaam = forms.CharField(label=_("Achternaam"), required=False, max_length=100,
                                 widget=forms.TextInput(attrs={"autocomplete": "off"}))
    geboortedatum = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        input_formats=DATUM_FORMATEN,
        widget=DatumInput,
        help_text=_("dd-mm-jjjj"),
        error_messages={"invalid": DATUM_FOUT},
    )
    soms_verplicht = ("bsn", "achternaam", "geboortedatum")

    def clean_bsn(self) -> str:
        value = self.cleaned_data["bsn"].strip()
        if not value:
            return ""
        digits = normalise_bsn(value)
        try:
            validate_bsn(digits)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
        return digits

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("bsn"):
            return data
        if not data.get("achternaam"):
            self.add_error("achternaam", _("Vul het BSN in, of de achternaam en de geboortedatum."))
        if not data.get("geboortedatum"):
            self.add_error("geboortedatum", _("Vul het BSN in, of de achternaam en de geboortedatum."))
        return data


class NoodtoegangRedenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden voor de noodtoegang"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waarom hebt u dit dossier nu nodig, en waarom kan het team dat het dossier heeft niet helpen? "
                    "De privacyfunctionaris leest dit."),
    )
    soms_verplicht = ("reden",)


class BeoordelingForm(forms.Form):
    """The verdict on one item of the review queue (prefixed per item: one page holds many)."""

    oordeel = forms.ChoiceField(label=_("Oordeel"), required=False, widget=forms.RadioSelect, choices=Oordeel.choices)
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text=_("Verplicht bij niet in orde: wat is er mis en wat gebeurt er nu?"))
    soms_verplicht = ("oordeel", "toelichting")


class InzageverzoekForm(NoodtoegangZoekForm):
    """A resident's request for inzage: who (exactly), when it came in, how their identity was established."""

    ontvangen_op = forms.DateField(
        label=_("Verzoek ontvangen op"),
        input_formats=DATUM_FORMATEN,
        widget=DatumInput,
        help_text=_("dd-mm-jjjj. De inwoner krijgt binnen een maand antwoord."),
        error_messages={"invalid": DATUM_FOUT, "required": _("Vul de datum van ontvangst in.")},
    )
    identiteit = forms.CharField(
        label=_("Hoe is de identiteit vastgesteld?"),
        max_length=200,
        help_text=_(
            "Bijvoorbeeld: paspoort gezien aan de balie op 1 december. Zonder vastgestelde identiteit geen inzage."
        ),
        error_messages={"required": _("Vul in hoe u de identiteit van de inwoner hebt vastgesteld.")},
    )

    def clean_ontvangen_op(self):
        datum = self.cleaned_data["ontvangen_op"]
        from django.utils import timezone

        if datum > timezone.localdate():
            raise ValidationError(_("De datum van ontvangst kan niet in de toekomst liggen."))
        if datum.year < 2000:
            raise ValidationError(_("Kies een datum tussen 2000 en 2100."))
        return datum
