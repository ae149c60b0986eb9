from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wijkregie.core.bsn import normalise_bsn
from wijkregie.core.forms import DateInput

from .models import Persoon, Relatie


class PersoonForm(forms.ModelForm):
    """A resident. Only the name is required: the rest can follow (little paperwork at the kitchen table)."""

    use_required_attribute = False

    toch_nieuw = forms.BooleanField(
        label=_("Dit is echt een nieuwe persoon"), required=False,
        help_text=_("Vink aan als geen van de gevonden personen dezelfde is."),
    )

    class Meta:
        model = Persoon
        fields = [
            "voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "bsn", "straat", "huisnummer", "postcode",
            "woonplaats", "telefoon", "email", "niet_ingeschreven", "vertegenwoordiger", "vertegenwoordiging",
        ]
        widgets = {
            "geboortedatum": DateInput(),
            "bsn": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            "telefoon": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }

    def __init__(self, *args, gemeente=None, zichtbaar=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeente = gemeente
        # The residents the user may see: a BSN of anyone else is never confirmed as known.
        self.zichtbaar = zichtbaar
        self.dubbelen: list[Persoon] = []
        self.bsn_bekend = False
        self.bsn_te_controleren = ""
        self.bsn_houder_id = None
        if not self.instance._state.adding and not self.instance.bsn and self.instance.bsn_te_controleren:
            self.initial.setdefault("bsn", self.instance.bsn_te_controleren)
        if not self.instance._state.adding:
            del self.fields["toch_nieuw"]
        else:
            self.fields["toch_nieuw"].widget = forms.HiddenInput()
        if "vertegenwoordiger" in self.fields:
            self._vertegenwoordiging_velden()

    def _vertegenwoordiging_velden(self) -> None:
        """The wettelijk vertegenwoordiger is chosen among the person's household (a curator or mentor
        from outside is registered as a resident first); only when editing someone already registered."""
        if self.instance._state.adding or self.zichtbaar is None:
            del self.fields["vertegenwoordiger"], self.fields["vertegenwoordiging"]
            return
        from .models import Lidmaatschap

        huishoudens = Lidmaatschap.objects.huidig().filter(persoon=self.instance).values("huishouden_id")
        leden = Lidmaatschap.objects.huidig().filter(huishouden_id__in=huishoudens).values("persoon_id")
        kandidaten = self.zichtbaar.filter(pk__in=leden).exclude(pk=self.instance.pk)
        if self.instance.vertegenwoordiger_id:
            kandidaten = kandidaten | Persoon.objects.filter(pk=self.instance.vertegenwoordiger_id)
        self.fields["vertegenwoordiger"].queryset = kandidaten.distinct().order_by("voornamen")
        self.fields["vertegenwoordiger"].empty_label = _("(geen)")
        self.fields["vertegenwoordiger"].help_text = _("Ouder of voogd met gezag, curator of mentor: telt mee bij "
                                                       "toestemming. Kies uit het huishouden.")
        self.fields["vertegenwoordiging"].choices = [("", _("(geen)"))] + [
            c for c in self.fields["vertegenwoordiging"].choices if c[0]]

    def clean(self):
        data = super().clean()
        if "vertegenwoordiger" in self.fields:
            if data.get("vertegenwoordiger") and not data.get("vertegenwoordiging"):
                self.add_error("vertegenwoordiging", _("Kies wat voor vertegenwoordiging het is."))
            if data.get("vertegenwoordiging") and not data.get("vertegenwoordiger"):
                self.add_error("vertegenwoordiger", _("Kies wie de vertegenwoordiger is."))
        return data

    def clean_bsn(self):
        bsn = self.cleaned_data.get("bsn", "")
        if not bsn:
            return ""
        bsn = normalise_bsn(bsn)
        gemeente_id = self.gemeente.pk if self.gemeente else self.instance.gemeente_id
        houder = Persoon.objects.filter(gemeente_id=gemeente_id, bsn=bsn).exclude(pk=self.instance.pk)
        if (
            self.zichtbaar is not None
            and houder.exists()
            and not houder.filter(pk__in=self.zichtbaar.values("pk")).exists()
        ):
            # Someone the user may not see: saying "known" would tell that they are a client. The form
            # goes on as for a new BSN; the BSN waits for the bureaudienst's check (audited by the view).
            self.bsn_te_controleren = bsn
            self.bsn_houder_id = houder.values_list("pk", flat=True).first()
            return ""
        if houder.exists():
            # The holder's id: the view audits this answer for them (it tells that they are known).
            self.bsn_bekend = houder.values_list("pk", flat=True).first()
            # Whoever types the BSN holds it already; saying it exists keeps one person one record.
            raise forms.ValidationError(_(
                "Dit BSN is al geregistreerd. Zoek de persoon op en kies hem of haar."
            ))
        return bsn

    def save(self, commit=True):
        persoon = super().save(commit=False)
        if self.bsn_te_controleren:
            persoon.bsn_te_controleren = self.bsn_te_controleren
        elif persoon.bsn:
            persoon.bsn_te_controleren = ""
        if commit:
            persoon.save()
        return persoon

    def toon_dubbelen(self, dubbelen: list[Persoon]) -> None:
        """Asks the user to choose: one of these, or really a new person."""
        self.dubbelen = dubbelen
        self.fields["toch_nieuw"].widget = forms.CheckboxInput()
        self.add_error(
            "toch_nieuw",
            _(
                "Er zijn personen gevonden die op deze persoon lijken. "
                "Kies er een, of vink aan dat het een nieuwe persoon is."
            ),
        )


class SnellePersoonForm(PersoonForm):
    """The few fields to register a resident while registering their question (all can follow later)."""

    class Meta(PersoonForm.Meta):
        fields = [
            "voornamen",
            "tussenvoegsel",
            "achternaam",
            "geboortedatum",
            "bsn",
            "postcode",
            "huisnummer",
            "telefoon",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False

    def ingevuld(self) -> bool:
        return self.is_bound and any((self.data.get(self.add_prefix(name)) or "").strip() for name in self.Meta.fields)

    def clean(self):
        data = super().clean()
        if self.ingevuld():
            for name in ("voornamen", "achternaam"):
                if not (data.get(name) or "").strip():
                    self.add_error(name, _("Vul de naam in om een nieuwe persoon te registreren."))
        return data


class LidForm(forms.Form):
    """Who joins the household, as what. The person is chosen from the suggestions or the search, or
    registered on the spot (SnellePersoonForm beside it)."""

    use_required_attribute = False

    persoon = forms.ModelChoiceField(label=_("Bekende inwoner"), queryset=Persoon.objects.none(), required=False,
                                     widget=forms.RadioSelect, empty_label=None)
    relatie = forms.ChoiceField(label=_("Relatie in het huishouden"), choices=Relatie.choices, initial=Relatie.KIND)
    gezag = forms.BooleanField(label=_("Heeft gezag over de minderjarigen"), required=False)
    woont_hier = forms.BooleanField(label=_("Woont in dit huishouden"), required=False, initial=True,
                                    help_text=_("Uit als de persoon vooral in een ander huishouden woont "
                                                "(bijvoorbeeld een kind van gescheiden ouders)."))
    van = forms.DateField(label=_("Sinds"), required=False, widget=DateInput())

    def __init__(self, *args, kandidaten=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = kandidaten if kandidaten is not None else Persoon.objects.none()
        self.fields["persoon"].label_from_instance = lambda p: (
            p.naam + (f", {p.geboortedatum:%d-%m-%Y}" if p.geboortedatum else "") + (f", {p.adres}" if p.adres else ""))


class GezinslidForm(forms.Form):
    """One more member of a new resident's household, registered with the question (one row, four
    fields; the surname defaults to the resident's)."""

    use_required_attribute = False
    LIDRELATIES = [(r, label) for r, label in Relatie.choices if r != Relatie.HOOFD]

    voornamen = forms.CharField(label=_("Voornaam"), max_length=100, required=False)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=100, required=False)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), required=False, widget=DateInput())
    relatie = forms.ChoiceField(label=_("Relatie"), choices=LIDRELATIES, initial=Relatie.KIND)
    gezag = forms.BooleanField(label=_("Heeft gezag over de kinderen"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each row's labels name the row: unique for screen readers, and for the error summary.
        n = int(self.prefix.rsplit("-", 1)[-1]) + 1 if self.prefix and self.prefix[-1].isdigit() else 1
        for field in self.fields.values():
            field.label = format_html(
                '{} <span class="wr-visually-hidden">({} {})</span>', field.label, _("gezinslid"), n
            )

    def ingevuld(self) -> bool:
        return self.is_bound and any((self.data.get(self.add_prefix(n)) or "").strip()
                                     for n in ("voornamen", "achternaam", "geboortedatum"))

    def clean(self):
        data = super().clean()
        if self.ingevuld() and not (data.get("voornamen") or "").strip():
            self.add_error("voornamen", _("Vul de voornaam in, of maak de regel leeg."))
        geboren = data.get("geboortedatum")
        if geboren and geboren > timezone.localdate():
            self.add_error("geboortedatum", _("Een geboortedatum kan niet in de toekomst liggen."))
        return data


GezinsledenFormSet = forms.formset_factory(GezinslidForm, extra=3, max_num=12, absolute_max=12)
