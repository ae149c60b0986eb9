import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.core.forms import DateInput
from wijkregie.organisatie.models import Locatie, Model, Wet

from .models import VRAGEN, Eens


def standaard_periode(vandaag: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The last twelve whole months plus the running one: what a teamleider asks first."""
    vandaag = vandaag or timezone.localdate()
    tot = (vandaag.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return tot.replace(year=tot.year - 1), tot


class MonitorFilterForm(forms.Form):
    """Period and narrowing of a dashboard. The wijk and team lists hold only what the user may see."""

    filter_form = True

    van = forms.DateField(label=_("Van"), required=False, widget=DateInput)
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput)
    wijk = forms.ModelChoiceField(label=_("Wijk"), required=False, queryset=None, empty_label=_("Alle"))
    team = forms.ModelChoiceField(label=_("Team"), required=False, queryset=None, empty_label=_("Alle"))
    locatie = forms.ModelChoiceField(label=_("Locatie"), required=False, queryset=None, empty_label=_("Alle"))
    fase = forms.ChoiceField(label=_("Model van de locatie"), required=False,
                             choices=[("", _("Alle"))] + [(m.value, m.value) for m in Model])
    wet = forms.ChoiceField(label=_("Wet"), required=False, choices=[("", _("Alle"))] + list(Wet.choices))

    def __init__(self, *args, wijken, teams, gemeente, vast: tuple = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk"].queryset = wijken
        self.fields["team"].queryset = teams
        self.fields["locatie"].queryset = Locatie.objects.filter(gemeente=gemeente).order_by("naam")
        for naam in vast:  # the dashboard's own wijk or team is not a choice
            del self.fields[naam]

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data

    def periode(self) -> tuple[datetime.date, datetime.date]:
        """[van, tot) with tot exclusive; the form shows 'tot en met'."""
        standaard_van, standaard_tot = standaard_periode()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        van = data.get("van") or standaard_van
        tot = data["tot"] + datetime.timedelta(days=1) if data.get("tot") else standaard_tot
        return van, tot


class NulmetingForm(forms.Form):
    naam = forms.CharField(label=_("Naam van de nulmeting"), max_length=100,
                           error_messages={"required": _("Geef de nulmeting een naam.")})


WEET_NIET = 0


class ClientervaringForm(forms.Form):
    """The resident's survey: every statement optional (one may skip), the mark optional too."""

    # The page says once that everything may be skipped, instead of "(niet verplicht)" at every question.
    filter_form = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for veld, _onderwerp, tekst in VRAGEN:
            # "Weet ik niet" is a real choice (0, stored as no answer) so that nothing is ticked beforehand.
            self.fields[veld] = forms.TypedChoiceField(
                label=tekst, required=False, coerce=int, empty_value=None, widget=forms.RadioSelect,
                choices=list(Eens.choices) + [(WEET_NIET, _("Weet ik niet"))])
        self.fields["rapportcijfer"] = forms.TypedChoiceField(
            label=_("Welk rapportcijfer geeft u de hulp, van 1 (heel slecht) tot 10 (uitstekend)?"), required=False,
            coerce=int, empty_value=None, widget=forms.RadioSelect, choices=[(i, str(i)) for i in range(1, 11)])

    def antwoorden(self) -> dict:
        return {v: (self.cleaned_data.get(v) or None) for v, _o, _t in VRAGEN}  # WEET_NIET (0) is no answer


class ErvaringsinstellingForm(forms.Form):
    bij_evaluatie = forms.BooleanField(label=_("Ook na elke evaluatie om de ervaring vragen"), required=False)
