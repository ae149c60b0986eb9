import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.organisatie.models import Model, Wet

from .models import Eens
from .survey import VRAGEN


def volgende_maand(d: datetime.date) -> datetime.date:
    return (d.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def standaard_periode(vandaag: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The last eleven whole months plus the running one: what a teamleider asks first. [van, tot)."""
    tot = volgende_maand(vandaag or timezone.localdate())
    return tot.replace(year=tot.year - 1), tot


EERSTE_MAAND = datetime.date(2000, 1, 1)
MAX_MAANDEN = 60


class MaandInput(forms.DateInput):
    """The browser's month picker (yyyy-mm)."""

    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m")


class MaandField(forms.DateField):
    """A month, as its first day. Whole months on purpose: figures for periods that differ by a day could
    be subtracted from each other to find one resident behind a suppressed cell. A full date (old links)
    is accepted and rounded to its month."""

    widget = MaandInput
    input_formats = ["%Y-%m", "%Y-%m-%d"]
    default_error_messages = {"invalid": _("Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01.")}

    def to_python(self, value):
        d = super().to_python(value)
        return d.replace(day=1) if d else d


class MonitorFilterForm(forms.Form):
    """Period (whole months) and narrowing of a dashboard. The wijk and team lists hold only what the user may see."""

    filter_form = True

    van = MaandField(label=_("Van (maand)"), required=False)
    tot = MaandField(label=_("Tot en met (maand)"), required=False)
    wijk = forms.ModelChoiceField(label=_("Wijk"), required=False, queryset=None, empty_label=_("Alle"))
    team = forms.ModelChoiceField(label=_("Team"), required=False, queryset=None, empty_label=_("Alle"))
    locatie = forms.ModelChoiceField(label=_("Locatie"), required=False, queryset=None, empty_label=_("Alle"))
    fase = forms.ChoiceField(label=_("Model van de locatie"), required=False,
                             choices=[("", _("Alle"))] + [(m.value, m.value) for m in Model])
    wet = forms.ChoiceField(label=_("Wet"), required=False, choices=[("", _("Alle"))] + list(Wet.choices))

    def __init__(self, *args, wijken, teams, locaties, keuzes: dict | None = None, vast: tuple = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk"].queryset = wijken
        self.fields["team"].queryset = teams
        self.fields["locatie"].queryset = locaties
        for naam in vast:  # the dashboard's own wijk or team is not a choice
            del self.fields[naam]
        # The lists shown, read beforehand (monitor.selectors.filter_keuzes); the querysets check a chosen key.
        for naam, rijen in (keuzes or {}).items():
            if naam in self.fields:
                veld = self.fields[naam]
                veld.choices = [("", veld.empty_label), *((o.pk, veld.label_from_instance(o)) for o in rijen)]

    def clean(self):
        data = super().clean()
        laatste = (timezone.localdate() + datetime.timedelta(days=366)).replace(day=1)
        for naam in ("van", "tot"):
            d = data.get(naam)
            if d and not (EERSTE_MAAND <= d <= laatste):
                self.add_error(naam, _("Kies een maand tussen %(van)s en %(tot)s.") % {
                    "van": EERSTE_MAAND.strftime("%Y-%m"), "tot": laatste.strftime("%Y-%m")})
        van, tot = data.get("van"), data.get("tot")
        if van and tot and not self.errors:
            if tot < van:
                self.add_error("tot", _("De laatste maand ligt vóór de eerste."))
            elif (tot.year - van.year) * 12 + tot.month - van.month + 1 > MAX_MAANDEN:
                self.add_error("tot", _("Kies een periode van hoogstens %(n)s maanden.") % {"n": MAX_MAANDEN})
        return data

    def periode(self) -> tuple[datetime.date, datetime.date]:
        """[van, tot): from the first day of the first month to the first day after the last month."""
        standaard_van, standaard_tot = standaard_periode()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        van = data.get("van") or standaard_van
        tot = volgende_maand(data["tot"]) if data.get("tot") else standaard_tot
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

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data.get(v) for v, _o, _t in VRAGEN) and not data.get("rapportcijfer"):
            raise forms.ValidationError(
                _("Beantwoord minstens één vraag, of sluit deze pagina als u niet wilt meedoen.")
            )
        return data

    def antwoorden(self) -> dict:
        return {v: (self.cleaned_data.get(v) or None) for v, _o, _t in VRAGEN}  # WEET_NIET (0) is no answer


class ErvaringsinstellingForm(forms.Form):
    bij_evaluatie = forms.BooleanField(label=_("Ook na elke evaluatie om de ervaring vragen"), required=False)
