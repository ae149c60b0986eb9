"""Forms of the retention page (and, later, of correction and deletion requests)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.organisatie.models import Wet

from .bewaartermijnen import WETTELIJK
from .models import Uitzondering, Verzoek, VerzoekBesluit, VerzoekSoort


class BewaartermijnForm(forms.Form):
    wet = forms.ChoiceField(label=_("Wet"), choices=[(w, Wet(w).label) for w in WETTELIJK])
    jaren = forms.IntegerField(label=_("Bewaartermijn in jaren na de laatste wijziging"), min_value=1, max_value=200,
                               error_messages={"required": _("Vul het aantal jaren in."),
                                               "invalid": _("Vul een heel aantal jaren in."),
                                               "min_value": _("Vul ten minste 1 jaar in."),
                                               "max_value": _("Vul ten hoogste 200 jaar in.")})
    toelichting = forms.CharField(
        label=_("Grond voor de langere termijn"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld het besluit van het college. Nodig bij een termijn langer dan de wet."),
    )


class BewaarblokkadeForm(forms.Form):
    SOORTEN = [("persoon", _("Inwoner (alle dossiers van de huishoudens)")), ("casus", _("Eén casus"))]
    soort = forms.ChoiceField(label=_("Waarop"), choices=SOORTEN, widget=forms.RadioSelect, initial="persoon")
    nummer = forms.IntegerField(label=_("Nummer van de inwoner of casus"), min_value=1,
                                error_messages={"required": _("Vul het nummer in."),
                                                "invalid": _("Vul een nummer in (alleen cijfers)."),
                                                "min_value": _("Vul een nummer in (alleen cijfers).")})
    reden = forms.CharField(label=_("Reden"), max_length=300,
                            help_text=_("Bijvoorbeeld een klacht, bezwaar, rechtszaak of onderzoek."),
                            error_messages={"required": _("Geef de reden van de bewaarblokkade.")})


class VerzoekForm(forms.ModelForm):
    """Registering a correction or deletion request; the resident and casus by number (no names in URLs)."""

    persoon_nummer = forms.IntegerField(label=_("Nummer van de inwoner"), min_value=1,
                                        help_text=_("Het nummer staat in het auditlog onder de naam van de inwoner."),
                                        error_messages={"required": _("Vul het nummer van de inwoner in."),
                                                        "invalid": _("Vul een nummer in (alleen cijfers)."),
                                                        "min_value": _("Vul een nummer in (alleen cijfers).")})
    casus_nummer = forms.IntegerField(label=_("Nummer van de casus (bij vernietiging)"), min_value=1, required=False,
                                      error_messages={"invalid": _("Vul een nummer in (alleen cijfers)."),
                                                      "min_value": _("Vul een nummer in (alleen cijfers).")})

    class Meta:
        model = Verzoek
        fields = ["soort", "ontvangen_op", "identiteit", "omschrijving", "veld", "nieuwe_waarde"]
        widgets = {"soort": forms.RadioSelect, "omschrijving": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, gemeente_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        from wijkregie.core.forms import DateInput
        from wijkregie.inwoners.models import Persoon

        from .verzoeken import CORRIGEERBAAR

        self.gemeente_id = gemeente_id
        self.order_fields(["soort", "persoon_nummer", "casus_nummer", "ontvangen_op", "identiteit", "omschrijving",
                           "veld", "nieuwe_waarde"])
        # Radio buttons without Django's empty "---------" choice (issue 13).
        self.fields["soort"].choices = VerzoekSoort.choices
        self.fields["ontvangen_op"].widget = DateInput()
        self.fields["veld"] = forms.ChoiceField(
            label=_("Te corrigeren gegeven"),
            required=False,
            choices=[("", _("Kies…"))]
            + [(v, Persoon._meta.get_field(v).verbose_name.capitalize()) for v in CORRIGEERBAAR],
        )
        self.fields["soort"].error_messages["required"] = _("Kies correctie of vernietiging.")
        self.fields["identiteit"].error_messages["required"] = _("Vul in hoe de identiteit is vastgesteld.")
        self.fields["omschrijving"].error_messages["required"] = _("Vul in wat de inwoner vraagt.")
        self.fields["ontvangen_op"].error_messages["invalid"] = _("Vul een geldige datum in.")

    def clean(self):
        from wijkregie.casus.models import Casus
        from wijkregie.inwoners.models import Persoon

        data = super().clean()
        nummer = data.get("persoon_nummer")
        if nummer:
            self.instance.persoon = Persoon.objects.filter(pk=nummer, gemeente_id=self.gemeente_id).first()
            if self.instance.persoon is None:
                self.add_error("persoon_nummer", _("Dit nummer bestaat niet in uw gemeente."))
        casus = data.get("casus_nummer")
        if casus:
            self.instance.casus = Casus.objects.filter(pk=casus, gemeente_id=self.gemeente_id).first()
            if self.instance.casus is None:
                self.add_error("casus_nummer", _("Dit nummer bestaat niet in uw gemeente."))
        ontvangen = data.get("ontvangen_op")
        if ontvangen and ontvangen > timezone.localdate():
            self.add_error("ontvangen_op", _("De ontvangstdatum ligt in de toekomst."))
        return data


class VerlengForm(forms.Form):
    tot = forms.DateField(label=_("Nieuwe uiterste datum"), error_messages={
        "required": _("Vul de nieuwe uiterste datum in."), "invalid": _("Vul een geldige datum in.")})
    reden = forms.CharField(
        label=_("Reden (wordt aan de inwoner meegedeeld)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef de reden van de verlenging; die wordt aan de inwoner meegedeeld.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from wijkregie.core.forms import DateInput

        self.fields["tot"].widget = DateInput()


class BesluitForm(forms.Form):
    besluit = forms.ChoiceField(label=_("Besluit"), choices=VerzoekBesluit.choices, widget=forms.RadioSelect,
                                error_messages={"required": _("Kies toewijzen of afwijzen.")})
    uitzondering = forms.ChoiceField(label=_("Uitzondering (bij afwijzen van vernietiging)"), required=False,
                                     choices=[("", _("Kies…"))] + list(Uitzondering.choices))
    motivering = forms.CharField(
        label=_("Motivering (gaat naar de inwoner)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef de motivering van het besluit; die gaat naar de inwoner.")},
    )
