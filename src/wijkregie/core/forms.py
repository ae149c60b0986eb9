from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.forms.models import ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet. Let op hoofdletters. "
            "Na vijf mislukte pogingen wordt het account een kwartier geblokkeerd."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met de functioneel beheerder."),
        "niet_geactiveerd": _(
            "Dit account is nog niet geactiveerd. Open de activeringslink die u van de functioneel beheerder "
            "kreeg; daar kiest u uw wachtwoord en stelt u uw authenticator-app in."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["password"].label = _("Wachtwoord")

    def confirm_login_allowed(self, user):
        """Outside demo mode the password alone opens nothing for an account without an authenticator.

        Its authenticator is enrolled only through a one-time activation link (core/accounts.py), so the
        first password, known to the beheerder too, can never be used to enrol someone else's. Told
        only after the right password, so it reveals nothing to someone who does not know it.
        """
        super().confirm_login_allowed(user)
        if settings.REQUIRE_2FA:
            from django.db import transaction

            from .accounts import heeft_authenticator
            from .audit import AuditActie, AuditResultaat, audit_log

            if not heeft_authenticator(user):
                with transaction.atomic():
                    audit_log(
                        actor=None,
                        actie=AuditActie.EXECUTE,
                        object_type="sessie",
                        gemeente_id=user.gemeente_id,
                        omschrijving=f"inloggen geweigerd voor {user.get_username()}: account niet geactiveerd"[:200],
                        resultaat=AuditResultaat.GEWEIGERD,
                        grondslag="geen",
                        doel="beveiliging",
                    )
                raise forms.ValidationError(self.error_messages["niet_geactiveerd"], code="niet_geactiveerd")


class TotpForm(forms.Form):
    code = forms.RegexField(
        label=_("Code uit uw authenticator-app"), regex=r"^\s*\d{6}\s*$", max_length=8,
        error_messages={"invalid": _("Vul de zes cijfers in die uw app nu toont."), "required": _("Vul de code in.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip()


class ActivatieForm(SetPasswordForm):
    """The person's own password and the first code of their authenticator, in one step."""

    code = TotpForm.base_fields["code"]

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = _("Kies een wachtwoord")
        self.fields["new_password2"].label = _("Herhaal het wachtwoord")
        self.fields["code"].widget.attrs.pop("autofocus", None)

    def clean_code(self):
        return self.cleaned_data["code"].strip()


class DateInput(forms.DateInput):
    """The browser's date picker; ISO values so that a failed form shows what was typed."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def keuzes_uit(veld: forms.ModelChoiceField, objecten) -> None:
    """Let a choice field show `objecten`, already read for the page (or for another form on it), instead of
    reading its queryset again when it is drawn (issue 17: a page's queries do not grow with its forms).
    Validating a posted choice still asks the field's queryset, so nothing outside it is accepted."""
    keuzes = [] if veld.empty_label is None else [("", veld.empty_label)]
    veld.choices = keuzes + [(ModelChoiceIteratorValue(veld.prepare_value(o), o), veld.label_from_instance(o))
                             for o in objecten]
