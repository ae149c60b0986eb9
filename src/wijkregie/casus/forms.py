from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wijkregie.core.forms import DateInput

from wijkregie.organisatie.models import Organisatie

from .models import Toestemming, ToestemmingScope


class ToestemmingForm(forms.ModelForm):
    class Meta:
        model = Toestemming
        fields = ["scope", "organisatie", "doel", "gegeven_door_vertegenwoordiger", "vertegenwoordiger_naam", "wijze",
                  "document", "geldig_tot"]
        widgets = {"scope": forms.RadioSelect, "wijze": forms.RadioSelect, "geldig_tot": DateInput}

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.filter(gemeente=gemeente)
        self.fields["organisatie"].empty_label = _("Kies…")
        self.fields["scope"].choices = list(ToestemmingScope.choices)

    def clean(self):
        data = super().clean()
        if data.get("scope") == ToestemmingScope.DELEN:
            if not data.get("organisatie"):
                self.add_error("organisatie", _("Met welke organisatie mogen de gegevens gedeeld worden?"))
            if not (data.get("doel") or "").strip():
                self.add_error("doel", _("Schrijf op waarvoor de gegevens gedeeld worden."))
        if data.get("gegeven_door_vertegenwoordiger") and not (data.get("vertegenwoordiger_naam") or "").strip():
            self.add_error("vertegenwoordiger_naam", _("Wie gaf de toestemming namens de inwoner?"))
        if data.get("wijze") == "schriftelijk" and not data.get("document") and not self.instance.document:
            self.add_error("document", _("Voeg de getekende verklaring toe, of kies ‘mondeling’."))
        if data.get("geldig_tot") and data["geldig_tot"] < timezone.localdate():
            self.add_error("geldig_tot", _("Deze datum ligt in het verleden."))
        document = data.get("document")
        if document and getattr(document, "size", 0) > 5 * 1024 * 1024:
            self.add_error("document", _("Het bestand is groter dan 5 MB."))
        return data


class IntrekkenForm(forms.Form):
    reden = forms.CharField(label=_("Reden (niet verplicht)"), required=False, max_length=300)
