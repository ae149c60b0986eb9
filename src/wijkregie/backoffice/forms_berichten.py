"""Forms of the exchange's pages: uploading message files, answering a provider's request with a 319."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .istandaard import codes
from .istandaard.lezen import MAX_GROOTTE

#: At most this many files in one upload (a day's exchange directory of a small gemeente fits easily).
MAX_BESTANDEN = 50


class MeerdereBestanden(forms.ClearableFileInput):
    allow_multiple_selected = True


class BestandenVeld(forms.FileField):
    """Django's documented way to take several files in one field."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MeerdereBestanden(attrs={"accept": ".xml,application/xml,text/xml"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        enkel = super().clean
        if isinstance(data, (list, tuple)):
            if not data:
                return [enkel(None, initial)]  # raises "required" as a single field would
            return [enkel(d, initial) for d in data]
        return [enkel(data, initial)]


class UploadForm(forms.Form):
    bestanden = BestandenVeld(
        label=_("Berichtbestanden"),
        help_text=_("Een of meer iWmo- of iJw-berichten (XML) van aanbieders: 305, 307, 315, 317, 302 of 320."),
        error_messages={"required": _("Kies ten minste één bestand.")},
    )

    def clean_bestanden(self):
        bestanden = self.cleaned_data["bestanden"]
        if len(bestanden) > MAX_BESTANDEN:
            raise forms.ValidationError(_("Lees hoogstens %(n)d bestanden tegelijk in.") % {"n": MAX_BESTANDEN})
        for bestand in bestanden:
            if bestand.size > MAX_GROOTTE:
                raise forms.ValidationError(_("%(naam)s is groter dan 25 MB.") % {"naam": bestand.name})
        return bestanden


class AntwoordForm(forms.Form):
    antwoord = forms.ChoiceField(
        label=_("Antwoord"),
        widget=forms.RadioSelect,
        choices=[
            (codes.VERZOEK_AFGEWEZEN, _("Verzoek afwijzen")),
            (codes.VERZOEK_IN_ONDERZOEK, _("Aanvraag in onderzoek")),
        ],
        error_messages={"required": _("Kies afwijzen of in onderzoek.")},
    )
    reden = forms.ChoiceField(label=_("Reden van afwijzing (WJ759)"), required=False,
                              choices=[("", _("Kies…"))] + list(codes.REDENEN_AFWIJZING.items()))
    gemeente = forms.RegexField(
        label=_("Verantwoordelijke gemeente (CBS-code)"), regex=r"^[0-9]{4}$", required=False, max_length=4,
        help_text=_("Alleen bij het woonplaatsbeginsel: de gemeente die wel verantwoordelijk is, bijvoorbeeld 0441."),
        error_messages={"invalid": _("Een CBS-gemeentecode bestaat uit 4 cijfers.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("antwoord") == codes.VERZOEK_AFGEWEZEN and not data.get("reden"):
            self.add_error("reden", _("Kies een reden van afwijzing."))
        if data.get("reden") == codes.WOONPLAATSBEGINSEL and not data.get("gemeente"):
            self.add_error("gemeente", _("Noem bij het woonplaatsbeginsel de verantwoordelijke gemeente."))
        return data
