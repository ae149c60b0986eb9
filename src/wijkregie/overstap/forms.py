from django import forms
from django.utils.translation import gettext_lazy as _

# A caseload of a large team is a few thousand rows: a few MB at most.
MAX_BYTES = 20 * 1024 * 1024


class CaseloadForm(forms.Form):
    bestand = forms.FileField(
        label=_("Spreadsheet met de caseload"),
        help_text=_(
            "Een .xlsx-bestand of een CSV-bestand (met puntkomma's of komma's). Er verandert nog niets: "
            "u krijgt eerst een controle per rij."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_bestand(self) -> bytes:
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 20 MB. Splits het in delen per team."))
        return bestand.read()
