"""The functioneel beheerder's form for a partner's API key."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkregie.organisatie.models import Organisatie

from .models import Scope
from .services import MAX_DAGEN, STANDAARD_DAGEN


class SleutelForm(forms.Form):
    use_required_attribute = False

    organisatie = forms.ModelChoiceField(queryset=Organisatie.objects.none(), label=_("Organisatie"),
                                         empty_label=_("Kies…"))
    naam = forms.CharField(label=_("Waarvoor"), max_length=100,
                           help_text=_("Bijvoorbeeld: koppeling met het huisartseninformatiesysteem."))
    scopes = forms.MultipleChoiceField(label=_("Rechten"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple,
                                       help_text=_("Alleen wat de organisatie nodig heeft."))
    dagen = forms.IntegerField(label=_("Geldig (dagen)"), min_value=1, max_value=MAX_DAGEN, initial=STANDAARD_DAGEN)

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.filter(gemeente=gemeente).order_by("naam")


class AfwijzenForm(forms.Form):
    use_required_attribute = False

    reden = forms.CharField(
        label=_("Waarom wijst u het voorstel af?"),
        max_length=300,
        help_text=_("De partner leest deze reden. Noem geen gegevens die de partner niet al heeft."),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Schrijf waarom u het voorstel afwijst; de partner leest dit.")},
    )
