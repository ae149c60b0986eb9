from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.core.forms import DateInput, DateTimeInput
from wijkregie.organisatie.models import Medewerker, Organisatie

from .models import Behaald, Betrokkene, Contactmoment, Houder, RedenBeeindiging, Regie, Schaling


class RegieForm(forms.ModelForm):
    use_required_attribute = False
    soms_verplicht = {"medewerker", "organisatie", "netwerk", "uitleg_aan_inwoner", "vinger_aan_de_pols"}

    class Meta:
        model = Regie
        fields = ["soort", "houder", "medewerker", "organisatie", "netwerk", "uitleg_aan_inwoner", "vinger_aan_de_pols",
                  "grondslag", "grondslag_toelichting"]
        widgets = {
            "soort": forms.RadioSelect,
            "houder": forms.RadioSelect,
            "uitleg_aan_inwoner": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, gemeente, team, **kwargs):
        super().__init__(*args, **kwargs)
        # The casus' own team: the regisseur and the one keeping vinger aan de pols must see the casus.
        vandaag = timezone.localdate()
        medewerkers = Medewerker.objects.filter(
            gemeente=gemeente, is_active=True, teamlidmaatschappen__team=team, teamlidmaatschappen__sinds__lte=vandaag,
        ).exclude(teamlidmaatschappen__tot__lt=vandaag).distinct()
        self.fields["medewerker"].queryset = medewerkers
        self.fields["vinger_aan_de_pols"].queryset = medewerkers
        self.fields["organisatie"].queryset = Organisatie.objects.filter(gemeente=gemeente)
        for naam in ("medewerker", "vinger_aan_de_pols", "organisatie"):
            self.fields[naam].empty_label = _("(geen)")
        self.fields["soort"].choices = [c for c in self.fields["soort"].choices if c[0]]
        self.fields["houder"].choices = [c for c in self.fields["houder"].choices if c[0]]

    def clean(self):
        data = super().clean()
        houder = data.get("houder")
        if houder == Houder.MEDEWERKER and not data.get("medewerker"):
            self.add_error("medewerker", _("Kies de medewerker die de regie heeft."))
        if houder == Houder.ORGANISATIE:
            if not data.get("organisatie"):
                self.add_error("organisatie", _("Kies de partnerorganisatie die de regie heeft."))
            if not data.get("vinger_aan_de_pols"):
                self.add_error("vinger_aan_de_pols", _("Het team houdt vinger aan de pols: kies wie."))
        if houder == Houder.NETWERK and not (data.get("netwerk") or "").strip():
            self.add_error("netwerk", _("Wie uit het netwerk heeft de regie?"))
        if houder and houder != Houder.INWONER and not (data.get("uitleg_aan_inwoner") or "").strip():
            self.add_error(
                "uitleg_aan_inwoner",
                _("Leg vast wat u de inwoner uitlegde: waarom niet de inwoner zelf de regie heeft."),
            )
        return data


class BetrokkeneForm(forms.ModelForm):
    use_required_attribute = False

    class Meta:
        model = Betrokkene
        fields = ["naam", "organisatie", "uit_netwerk", "rol", "monitort", "contactpersoon", "evalueert", "grondslag",
                  "grondslag_toelichting"]

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.filter(gemeente=gemeente)
        self.fields["organisatie"].empty_label = _("Kies…")
        self.fields["organisatie"].help_text = _(
            "Alleen met toestemming van ieder gezinslid om te delen met deze organisatie."
        )
        self.fields["grondslag"].help_text = _("Alleen als er zonder toestemming gedeeld moet worden; de "
                                               "privacyfunctionaris ziet dit in het auditlog.")

    def clean(self):
        data = super().clean()
        if not data.get("uit_netwerk") and not data.get("organisatie"):
            self.add_error("organisatie", _("Kies de organisatie van deze betrokkene; alleen iemand uit het eigen "
                                            "netwerk van het huishouden heeft er geen."))
        if data.get("uit_netwerk") and data.get("organisatie"):
            self.add_error("uit_netwerk", _("Iemand van een organisatie hoort niet bij het eigen netwerk."))
        return data


class ContactmomentForm(forms.ModelForm):
    """One line: type, when, with whom; duration and notes optional."""

    use_required_attribute = False

    class Meta:
        model = Contactmoment
        fields = ["soort", "op", "met_wie", "duur_minuten", "notitie"]
        widgets = {"op": DateTimeInput(), "notitie": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        from .services import CONTACT_MAX_MINUTEN, CONTACT_MAX_NOTITIE

        super().__init__(*args, **kwargs)
        if "op" in self.fields:
            self.fields["op"].initial = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["met_wie"].error_messages["required"] = _("Met wie was het contact?")
        if "duur_minuten" in self.fields:  # the one-line form (SnelContactForm) has no duration
            duur = self.fields["duur_minuten"]
            duur.min_value, duur.max_value = 1, CONTACT_MAX_MINUTEN
            duur.widget.attrs.update(min=1, max=CONTACT_MAX_MINUTEN)
            duur.error_messages["min_value"] = duur.error_messages["max_value"] = _(
                "Vul een duur in van 1 tot en met 1440 minuten (24 uur).")
            duur.validators = [v for v in duur.validators if not hasattr(v, "limit_value")] + [
                MinValueValidator(1), MaxValueValidator(CONTACT_MAX_MINUTEN)]
        notitie = self.fields["notitie"]
        notitie.max_length = CONTACT_MAX_NOTITIE
        notitie.validators.append(MaxLengthValidator(CONTACT_MAX_NOTITIE, _(
            "Een notitie is hoogstens 10.000 tekens. Zet een lang verslag in een document.")))

    def clean_op(self):
        from .services import CONTACT_MAX_TERUG

        op = self.cleaned_data["op"]
        if op > timezone.now() + timezone.timedelta(minutes=5):
            raise forms.ValidationError(_("Een contactmoment kan niet in de toekomst liggen."))
        if op < timezone.now() - CONTACT_MAX_TERUG:
            raise forms.ValidationError(_("Een contactmoment van meer dan een jaar geleden kan niet meer worden "
                                          "vastgelegd. Controleer de datum."))
        return op


class SnelContactForm(ContactmomentForm):
    """A light contactmoment in one line from the casus page (issue 13: at most three interactions):
    what kind, a note, save. Now and with the resident are the defaults; the full form on the regie page
    has the rest."""

    class Meta(ContactmomentForm.Meta):
        fields = ["soort", "met_wie", "notitie"]  # when: the moment it is saved (the model's default)
        widgets = {"notitie": forms.TextInput}

    def __init__(self, *args, met_wie: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["met_wie"].initial = met_wie
        if met_wie:  # left empty, it was with the resident
            self.fields["met_wie"].required = False
        self.fields["notitie"].label = _("Kort verslag")


class SchalingForm(forms.ModelForm):
    use_required_attribute = False

    class Meta:
        model = Schaling
        fields = ["richting", "naar", "organisatie", "ontvangende_partij", "reden", "op"]
        widgets = {"richting": forms.RadioSelect, "reden": forms.Textarea(attrs={"rows": 2}), "op": DateInput()}

    def __init__(self, *args, gemeente=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = (
            Organisatie.objects.filter(gemeente=gemeente) if gemeente else Organisatie.objects.none()
        )
        self.fields["organisatie"].empty_label = _("(geen)")
        self.fields["organisatie"].help_text = _(
            "Bij opschalen naar specialistische zorg: met toestemming van ieder "
            "gezinslid. Veilig Thuis en jeugdbescherming: op wettelijke grondslag."
        )
        self.fields["richting"].choices = [c for c in self.fields["richting"].choices if c[0]]
        self.fields["reden"].error_messages["required"] = _("Geef de reden van de schaling.")

    def clean(self):
        data = super().clean()
        op = {"specialistisch", "veilig_thuis", "jeugdbescherming"}
        if data.get("richting") == "op" and data.get("naar") not in op:
            self.add_error("naar", _("Opschalen gaat naar specialistische zorg, Veilig Thuis of jeugdbescherming."))
        if data.get("richting") == "af" and data.get("naar") in op:
            self.add_error("naar", _("Afschalen gaat terug naar het team of naar het netwerk."))
        if (
            data.get("richting") == "op"
            and not (data.get("ontvangende_partij") or "").strip()
            and not data.get("organisatie")
        ):
            self.add_error("ontvangende_partij", _("Wie neemt de hulp over?"))
        if data.get("naar") == "specialistisch" and not data.get("organisatie"):
            self.add_error("organisatie", _("Kies de organisatie die de hulp overneemt: daarmee worden gegevens "
                                            "gedeeld, alleen met toestemming."))
        return data


class EvaluatieForm(forms.Form):
    use_required_attribute = False
    verslag = forms.CharField(label=_("Verslag"), widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": _("Schrijf kort op wat u samen heeft besproken.")})
    met_inwoner = forms.BooleanField(label=_("Samen met de inwoner besproken"), required=False, initial=True)
    volgende_op = forms.DateField(label=_("Volgende evaluatie"), required=False, widget=DateInput(),
                                  help_text=_("Leeg: geen volgende evaluatie (bijvoorbeeld bij afschalen)."))

    def __init__(self, *args, doelen, zichtbaar: set[int], **kwargs):
        """`doelen` of the plan; `zichtbaar` the members the user may see (a goal of another is 'een gezinslid's).
        The household's ZRM is re-scored in its own form (plan.forms.HuishoudenZrmForm) beside this one."""
        super().__init__(*args, **kwargs)
        self.doelen = list(doelen)
        for doel in self.doelen:
            if not doel.persoon_id:
                voor = _("het hele huishouden")
            else:
                voor = doel.persoon.naam if doel.persoon_id in zichtbaar else _("een gezinslid")
            self.fields[f"doel_{doel.pk}"] = forms.ChoiceField(
                label=_("%(leefgebied)s, voor %(voor)s: %(doel)s")
                % {"leefgebied": doel.leefgebied, "voor": voor, "doel": doel.omschrijving},
                choices=Behaald.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Beoordeel dit doel.")},
            )

    def doelvelden(self) -> list[forms.BoundField]:
        return [self[f"doel_{doel.pk}"] for doel in self.doelen]

    def clean_volgende_op(self):
        datum = self.cleaned_data.get("volgende_op")
        if datum and datum <= timezone.localdate():
            raise forms.ValidationError(_("De volgende evaluatie moet na vandaag liggen."))
        return datum


class AfsluitenForm(forms.Form):
    use_required_attribute = False
    reden = forms.ChoiceField(label=_("Reden"), choices=RedenBeeindiging.choices, widget=forms.RadioSelect,
                              error_messages={"required": _("Kies de reden van afsluiten.")})
    toelichting = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class HeropenenForm(forms.Form):
    use_required_attribute = False
    reden = forms.CharField(label=_("Reden om te heropenen"), widget=forms.Textarea(attrs={"rows": 2}),
                            error_messages={"required": _("Geef een reden om de casus te heropenen.")})
