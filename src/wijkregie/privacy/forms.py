from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkregie.core.bsn import normalise_bsn, validate_bsn
from wijkregie.core.models import AuditActie
from wijkregie.organisatie.models import Medewerker

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
    medewerker = forms.ModelChoiceField(
        label=_("Medewerker"), required=False, queryset=Medewerker.objects.none(), empty_label=_("Alle medewerkers"),
    )
    actie = forms.ChoiceField(label=_("Actie"), required=False, choices=[("", _("Alle acties"))] + list(AuditActie.choices))
    #: What a privacy officer looks for first: shares without consent, and refused attempts.
    bijzonder = forms.ChoiceField(label=_("Grondslag en resultaat"), required=False, choices=[
        ("", _("Alles")), ("wettelijk", _("Gedeeld zonder toestemming (wettelijke grondslag)")),
        ("geweigerd", _("Geweigerd")),
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
