from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.core.forms import DateInput
from wijkregie.organisatie.models import Organisatie

from .models import Toestemming, ToestemmingScope
from .toestemming import gevers, leeftijdsgroep


def _gever_waarde(optie) -> str:
    als, door, _label = optie
    return als if door is None else f"{als}:{door.pk}"


class ToestemmingForm(forms.ModelForm):
    class Meta:
        model = Toestemming
        fields = ["scope", "organisatie", "doel", "wijze", "document", "geldig_tot"]
        widgets = {"scope": forms.RadioSelect, "wijze": forms.RadioSelect, "geldig_tot": DateInput}

    use_required_attribute = False

    def __init__(self, *args, gemeente, persoon=None, leden=(), zichtbaar=None, **kwargs):
        """`leden`: the household members whose consent can be recorded on the same form (the person of
        the page first); per member, who gave it (the member, a parent with gezag, a representative)."""
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.filter(gemeente=gemeente)
        self.fields["organisatie"].empty_label = _("Kies…")
        self.fields["scope"].choices = list(ToestemmingScope.choices)
        self.fields["scope"].initial = ToestemmingScope.TEAM  # the consent asked first, at the kitchen table
        self.leden = list(leden)
        self.gever_velden = []
        self._opties = {lid.pk: gevers(lid) for lid in self.leden}
        # A giver the user may not see (a parent with gezag in another household) is not named here.
        kandidaten = {door.pk for opties in self._opties.values() for _als, door, _l in opties if door is not None}
        zien = (
            set(zichtbaar.filter(pk__in=kandidaten).values_list("pk", flat=True))
            if zichtbaar is not None
            else kandidaten
        )
        self._opties = {
            pk: [o for o in opties if o[1] is None or o[1].pk in zien] for pk, opties in self._opties.items()
        }
        self.getoonde_gevers = sorted(zien)
        for lid in self.leden:
            opties = self._opties[lid.pk]
            initial = [_gever_waarde(opties[0])] if lid == persoon and opties else []
            naam = f"gever_{lid.pk}"
            leeftijd = lid.leeftijd()
            self.fields[naam] = forms.MultipleChoiceField(
                label=lid.naam + (f" ({leeftijd})" if leeftijd is not None else ""), required=False,
                choices=[(_gever_waarde(o), o[2]) for o in opties], initial=initial,
                widget=forms.CheckboxSelectMultiple,
                help_text={"kind": _("Jonger dan 12: de ouders met gezag beslissen."),
                           "tiener": _("12 tot 16 jaar: het kind én een ouder met gezag."),
                           }.get(leeftijdsgroep(lid), ""),
            )
            self.fields[naam].lid = lid
            self.gever_velden.append(naam)

    def gegeven(self) -> list[tuple[object, str, object]]:
        """(member, gegeven_als, gegeven_door) for every ticked giver."""
        uit = []
        for naam in self.gever_velden:
            lid = self.fields[naam].lid
            opties = {_gever_waarde(o): o for o in self._opties[lid.pk]}
            for waarde in self.cleaned_data.get(naam) or []:
                als, door, _label = opties[waarde]
                uit.append((lid, als, door))
        return uit

    def clean_document(self):
        """Only what a signed declaration is: a PDF, a JPEG or a PNG, recognised by its first bytes (an
        extension says nothing) and named with a matching extension, so the download is what it says
        (issue 13: any file was accepted)."""
        soorten = {  # first bytes → the extensions that go with them
            b"%PDF-": {"pdf"}, b"\xff\xd8\xff": {"jpg", "jpeg"}, b"\x89PNG\r\n\x1a\n": {"png"},
        }
        document = self.cleaned_data.get("document")
        if not document or not hasattr(document, "read"):
            return document  # nothing new uploaded (an existing file stays as it was checked)
        kop = document.read(8)
        document.seek(0)
        extensies = next((e for handtekening, e in soorten.items() if kop.startswith(handtekening)), set())
        extensie = document.name.rsplit(".", 1)[-1].lower() if "." in document.name else ""
        if extensie not in extensies:
            raise forms.ValidationError(_("Voeg de getekende verklaring toe als pdf, jpg of png; dit bestand is "
                                          "geen van die drie."))
        return document

    def clean(self):
        data = super().clean()
        if data.get("scope") == ToestemmingScope.DELEN:
            if not data.get("organisatie"):
                self.add_error("organisatie", _("Met welke organisatie mogen de gegevens gedeeld worden?"))
            if not (data.get("doel") or "").strip():
                self.add_error("doel", _("Schrijf op waarvoor de gegevens gedeeld worden."))
        if self.gever_velden and not any(data.get(naam) for naam in self.gever_velden):
            self.add_error(self.gever_velden[0], _("Vink aan wie toestemming geeft."))
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
