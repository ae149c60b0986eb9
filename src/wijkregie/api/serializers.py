"""What goes in and out of the partner API: input is checked here, before any service runs; output
holds only the fields docs/api.md lists, nothing more."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wijkregie.core.bsn import normalise_bsn, validate_bsn
from wijkregie.inwoners.models import postcode_opschonen
from wijkregie.toegang.models import SignaalBron, Verwijzer

from .selectors import VerwijzingStatus

POSTCODE_PATROON = r"^[0-9]{4} ?[A-Za-z]{2}$"
BSN_PATROON = r"^[0-9]{9}$"


def _django(validate, value):
    try:
        return validate(value)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.messages, code=getattr(exc, "code", None) or "invalid") from None


class VerwijzingInvoer(serializers.Serializer):
    naam = serializers.CharField(max_length=120, help_text=_("Voor- en achternaam van de inwoner."))
    geboortedatum = serializers.DateField(help_text=_("Geboortedatum van de inwoner (JJJJ-MM-DD)."))
    bsn = serializers.RegexField(
        BSN_PATROON, required=False, allow_blank=True, max_length=9,
        help_text=_("Burgerservicenummer, als bekend; wordt met de elfproef gecontroleerd."))
    postcode = serializers.RegexField(POSTCODE_PATROON, max_length=7,
                                      help_text=_("Postcode van het woonadres; moet in de gemeente liggen."))
    contact = serializers.CharField(max_length=150, required=False, allow_blank=True,
                                    help_text=_("Hoe het wijkteam de inwoner kan bereiken (telefoon of e-mail)."))
    vraag = serializers.CharField(max_length=4000, help_text=_("De vraag of zorg, zo veel mogelijk in de woorden "
                                                               "van de inwoner. De inwoner weet van de verwijzing."))
    verwijzer = serializers.ChoiceField(choices=Verwijzer.choices,
                                        help_text=_("Verwijzerscode (iWmo/iJw COD327), bijvoorbeeld 02 huisarts."))
    contactpersoon = serializers.CharField(max_length=150, required=False, allow_blank=True,
                                           help_text=_("Wie bij de verwijzer meer weet (naam, telefoon)."))
    kenmerk = serializers.CharField(max_length=60, required=False, allow_blank=True,
                                    help_text=_("Uw eigen kenmerk van de verwijzing (geen BSN of naam): komt terug "
                                                "bij de status, zodat u de verwijzing herkent."))

    def validate_naam(self, value):
        value = " ".join(value.split())
        if not value:
            raise serializers.ValidationError(_("Vul de naam van de inwoner in."), code="blank")
        return value

    def validate_geboortedatum(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError(_("Een geboortedatum kan niet in de toekomst liggen."), code="toekomst")
        if value.year < 1900:
            raise serializers.ValidationError(_("Deze geboortedatum ligt voor 1900."), code="te_oud")
        return value

    def validate_bsn(self, value):
        if not value:
            return ""
        _django(validate_bsn, value)
        return normalise_bsn(value)

    def validate_postcode(self, value):
        return _django(postcode_opschonen, value)

    def validate_vraag(self, value):
        if not value.strip():
            raise serializers.ValidationError(_("Beschrijf de vraag."), code="blank")
        return value.strip()


class VerwijzingUit(serializers.Serializer):
    id = serializers.UUIDField(help_text=_("Het kenmerk van de verwijzing, alleen voor de verwijzer."))
    status = serializers.ChoiceField(choices=[(s, s) for s in VerwijzingStatus.ALLE],
                                     help_text=_("ontvangen, in_behandeling of afgerond."))
    ontvangen_op = serializers.DateTimeField()
    teruggekoppeld_op = serializers.DateTimeField(
        allow_null=True, help_text=_("Wanneer het wijkteam de inwoner voor het eerst sprak; leeg tot dan."))
    kenmerk = serializers.CharField(allow_blank=True, help_text=_("Uw eigen kenmerk, zoals u het meegaf."))


class VerwijzingenUit(serializers.Serializer):
    resultaten = VerwijzingUit(many=True)


class SignaalInvoer(serializers.Serializer):
    bron = serializers.ChoiceField(choices=SignaalBron.choices,
                                   help_text=_("Soort signaal; moet passen bij de soort organisatie."))
    omschrijving = serializers.CharField(max_length=4000, help_text=_("Wat er aan de hand is."))
    adres = serializers.CharField(max_length=200, help_text=_("Adres of plek waar het signaal over gaat."))
    melder = serializers.CharField(max_length=100, required=False, allow_blank=True,
                                   help_text=_("Wie bij de organisatie het signaal geeft."))

    def validate_omschrijving(self, value):
        if not value.strip():
            raise serializers.ValidationError(_("Beschrijf wat er aan de hand is."), code="blank")
        return value.strip()

    def validate_adres(self, value):
        value = " ".join(value.split())
        if not value:
            raise serializers.ValidationError(_("Vul het adres of de plek in."), code="blank")
        return value


class SignaalUit(serializers.Serializer):
    id = serializers.UUIDField()
    ontvangen_op = serializers.DateTimeField()


class Inwoner(serializers.Serializer):
    naam = serializers.CharField()
    geboortedatum = serializers.DateField(allow_null=True)


class GedeeldeCasusUit(serializers.Serializer):
    id = serializers.UUIDField(help_text=_("Het kenmerk van de casus voor deze organisatie."))
    inwoner = Inwoner(allow_null=True, help_text=_("De hoofdpersoon van het huishouden."))
    relatie = serializers.ChoiceField(choices=[("betrokkene", "betrokkene"), ("regie", "regie")])
    sinds = serializers.DateField(allow_null=True)


class CasussenUit(serializers.Serializer):
    resultaten = GedeeldeCasusUit(many=True)


class DoelUit(serializers.Serializer):
    id = serializers.UUIDField(
        help_text=_("Het kenmerk van het doel voor deze organisatie (voor een voortgangsvoorstel).")
    )
    leefgebied = serializers.CharField()
    omschrijving = serializers.CharField()
    voor = serializers.CharField(allow_null=True, help_text=_("Voornaam van het gezinslid; leeg: het hele huishouden."))
    prioriteit = serializers.IntegerField()
    streefdatum = serializers.DateField(allow_null=True)


class RegelUit(serializers.Serializer):
    soort = serializers.CharField()
    omschrijving = serializers.CharField()
    van = serializers.DateField(allow_null=True)
    tot = serializers.DateField(allow_null=True)


class PlanDeel(serializers.Serializer):
    versie = serializers.IntegerField()
    ondertekend_op = serializers.DateTimeField(allow_null=True)
    doelen = DoelUit(many=True)
    arrangement = RegelUit(many=True, help_text=_("Alleen de regels die deze organisatie uitvoert."))


class RegisseurUit(serializers.Serializer):
    houder = serializers.ChoiceField(choices=[(h, h) for h in ("medewerker", "organisatie", "inwoner", "netwerk")])
    naam = serializers.CharField(allow_blank=True)
    organisatie = serializers.CharField(allow_blank=True)
    telefoon = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)


class GedeeldPlanUit(serializers.Serializer):
    id = serializers.UUIDField()
    regisseur = RegisseurUit(allow_null=True)
    plan = PlanDeel(allow_null=True, help_text=_("De laatste ondertekende versie; leeg zolang er geen is."))


class VoorstelInvoer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=[("doel", "doel"), ("afspraak", "afspraak"), ("voortgang", "voortgang")],
                                    help_text=_("doel: een nieuw doel; afspraak: wat uw organisatie gaat doen; "
                                                "voortgang: hoe het gaat met een doel van het plan."))
    omschrijving = serializers.CharField(max_length=2000, help_text=_(
        "Het voorstel in woorden (een afspraak hoogstens 300 tekens)."))
    leefgebied = serializers.CharField(max_length=60, required=False, allow_blank=True, help_text=_(
        "Bij een doel: de naam van het leefgebied, bijvoorbeeld Financiën."))
    doel = serializers.UUIDField(required=False, allow_null=True,
                                 help_text=_("Bij voortgang: het kenmerk van het doel uit het gedeelde plan."))
    ingangsdatum = serializers.DateField(required=False, allow_null=True,
                                         help_text=_("Bij een afspraak: vanaf wanneer (JJJJ-MM-DD)."))


class VoorstelUit(serializers.Serializer):
    id = serializers.UUIDField()
    soort = serializers.CharField()
    omschrijving = serializers.CharField()
    status = serializers.ChoiceField(choices=[("open", "open"), ("overgenomen", "overgenomen"),
                                              ("afgewezen", "afgewezen")],
                                     help_text=_("open: wacht op de regisseur; overgenomen; afgewezen (met reden)."))
    ingediend_op = serializers.DateTimeField()
    beoordeeld_op = serializers.DateTimeField(allow_null=True)
    reden = serializers.CharField(allow_blank=True, help_text=_("Waarom de regisseur het voorstel afwees."))


class VoorstellenUit(serializers.Serializer):
    resultaten = VoorstelUit(many=True)


class OngeldigVeld(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField()
    reason = serializers.CharField()


class Probleem(serializers.Serializer):
    """RFC 9457 problem details, in Dutch."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(required=False)
    code = serializers.CharField(required=False)

    def get_fields(self):
        fields = super().get_fields()
        fields["invalid-params"] = OngeldigVeld(many=True, required=False)
        return fields
