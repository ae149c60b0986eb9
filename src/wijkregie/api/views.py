"""The partner API's endpoints: thin. Input is checked by serializers, writes are services, reads are
selectors, every disclosure is audited per person (services). docs/api.md describes each answer."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.cache import patch_cache_control
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors, serializers, services
from .authentication import HeeftScope, PerSleutel, SleutelAuthenticatie
from .models import Scope, Verwijzing
from .problemen import PROBLEM_JSON, BegrensdeJSONParser, TeGroot, probleem_handler

API_VERSIE = "1.0.0"


def _problemen(*codes: int) -> dict:
    """Error answers of an operation for the OpenAPI document: problem+json for each status."""
    teksten = {
        400: "Ongeldige invoer of geen geldige JSON (invalid-params per veld).",
        401: "Geen, onbekende, verlopen of ingetrokken API-sleutel.",
        403: "De sleutel heeft het recht voor deze handeling niet.",
        404: "Niet gevonden, of niet voor deze organisatie.",
        413: "Het verzoek is te groot.",
        415: "De inhoud is geen application/json.",
        422: "Geldig, maar niet te verwerken door deze gemeente.",
        429: "Te veel verzoeken met deze sleutel; zie Retry-After.",
    }
    return {(code, PROBLEM_JSON): OpenApiResponse(serializers.Probleem, description=teksten[code]) for code in codes}


LEZEN = (401, 403, 404, 429)
SCHRIJVEN = (400, 401, 403, 413, 415, 422, 429)


class PartnerView(APIView):
    """Base of every endpoint: a partner's key (never a session), the view's scope, the rate limit per
    key, JSON in and out up to API_MAX_BODY, answers never cached, errors as Dutch problem+json."""

    authentication_classes = [SleutelAuthenticatie]
    permission_classes = [HeeftScope]
    throttle_classes = [PerSleutel]
    parser_classes = [BegrensdeJSONParser]
    scope: str = ""

    def get_exception_handler(self):
        return probleem_handler

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Refused before a byte is read when the client announces a larger body.
        try:
            lengte = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            lengte = 0
        if lengte > settings.API_MAX_BODY:
            raise TeGroot()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["API-Version"] = API_VERSIE
        patch_cache_control(response, no_store=True)
        return response


class VerwijzingenView(PartnerView):
    scope = Scope.VERWIJZEN

    @extend_schema(
        operation_id="verwijzing_create", tags=["verwijzingen"], request=serializers.VerwijzingInvoer,
        summary="Een inwoner verwijzen naar het wijkteam",
        description=(
            "Registreert een aanmelding bij de bureaudienst (kanaal partner, met de verwijzerscode). Het antwoord "
            "zegt nooit of de inwoner al bekend is. Een postcode buiten de gemeente geeft 422."),
        responses={201: serializers.VerwijzingUit, **_problemen(*SCHRIJVEN)},
        examples=[OpenApiExample("verwijzing", request_only=True, value={
            "naam": "Jan de Vries", "geboortedatum": "1961-04-12", "bsn": "", "postcode": "1784 AB",
            "contact": "06 12345678", "vraag": "Meneer redt het thuis niet meer sinds zijn vrouw is overleden.",
            "verwijzer": "02", "contactpersoon": "dr. Bakker, 0223 123456"})],
    )
    def post(self, request):
        invoer = serializers.VerwijzingInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        verwijzing = services.verwijzing_register(partner=request.user, **invoer.validated_data)
        response = Response(_verwijzing(verwijzing), status=status.HTTP_201_CREATED)
        response["Location"] = reverse("api:verwijzing", kwargs={"id": verwijzing.publiek_id})
        return response


    @extend_schema(
        operation_id="verwijzing_list", tags=["verwijzingen"], summary="De eigen verwijzingen en hun status",
        description=("Alle verwijzingen van de eigen organisatie, nieuwste eerst: alleen kenmerk, status, ontvangen "
                     "en teruggekoppeld (zonder toestemming van de inwoner niets meer)."),
        responses={200: serializers.VerwijzingenUit, **_problemen(401, 403, 429)},
    )
    def get(self, request):
        verwijzingen = list(selectors.verwijzingen_van(request.user.organisatie).order_by("-ontvangen_op", "-pk")[:200])
        services.verwijzingen_list(partner=request.user, verwijzingen=verwijzingen)
        return Response(serializers.VerwijzingenUit({"resultaten": [_verwijzing_data(v) for v in verwijzingen]}).data)


class VerwijzingView(PartnerView):
    scope = Scope.VERWIJZEN

    @extend_schema(
        operation_id="verwijzing_retrieve", tags=["verwijzingen"], summary="De status van een eigen verwijzing",
        description="Alleen verwijzingen van de eigen organisatie; die van een ander geeft 404.",
        responses={200: serializers.VerwijzingUit, **_problemen(*LEZEN)},
    )
    def get(self, request, id):
        verwijzing = selectors.verwijzingen_van(request.user.organisatie).filter(publiek_id=id).first()
        if verwijzing is None:
            services.verwijzing_refuse(partner=request.user, publiek_id=id)
            raise NotFound()
        services.verwijzing_view(partner=request.user, verwijzing=verwijzing)
        return Response(_verwijzing(verwijzing))


def _verwijzing_data(verwijzing: Verwijzing) -> dict:
    stand, teruggekoppeld = selectors.verwijzing_status(verwijzing)
    return {"id": verwijzing.publiek_id, "status": stand, "ontvangen_op": verwijzing.ontvangen_op,
            "teruggekoppeld_op": teruggekoppeld, "kenmerk": verwijzing.kenmerk}


def _verwijzing(verwijzing: Verwijzing) -> dict:
    return serializers.VerwijzingUit(_verwijzing_data(verwijzing)).data


class SignalenView(PartnerView):
    scope = Scope.SIGNALEREN

    @extend_schema(
        operation_id="signaal_create", tags=["signalen"], request=serializers.SignaalInvoer,
        summary="Een vroegsignaal doorgeven",
        description=("Komt als signaal in de wachtrij van de toegang; er wordt geen dossier van een persoon "
                     "aangemaakt tot het team besluit in actie te komen. De bron moet passen bij de soort "
                     "organisatie (anders 422)."),
        responses={201: serializers.SignaalUit, **_problemen(*SCHRIJVEN)},
    )
    def post(self, request):
        invoer = serializers.SignaalInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        melding = services.signaal_report(partner=request.user, **invoer.validated_data)
        return Response(serializers.SignaalUit({"id": melding.publiek_id, "ontvangen_op": melding.ontvangen_op}).data,
                        status=status.HTTP_201_CREATED)


class CasussenView(PartnerView):
    scope = Scope.PLAN_LEZEN

    @extend_schema(
        operation_id="casus_list", tags=["casussen"], summary="De casussen die met deze organisatie gedeeld zijn",
        description=("Open casussen waarin de organisatie betrokken is of de regie heeft en waarvoor elk lid van het "
                     "huishouden toestemming gaf om met deze organisatie te delen (of een wettelijke grondslag). Bij "
                     "elk verzoek opnieuw bepaald."),
        responses={200: serializers.CasussenUit, **_problemen(401, 403, 429)},
    )
    def get(self, request):
        gedeeld = selectors.gedeelde_casussen(request.user.organisatie)
        services.casussen_list(partner=request.user, gedeeld=gedeeld)
        return Response(serializers.CasussenUit({"resultaten": [{
            "id": g.id, "relatie": g.relatie, "sinds": g.sinds,
            "inwoner": ({"naam": g.casus.hoofdpersoon.naam, "geboortedatum": g.casus.hoofdpersoon.geboortedatum}
                        if g.casus.hoofdpersoon_id else None),
        } for g in gedeeld]}).data)


class PlanView(PartnerView):
    scope = Scope.PLAN_LEZEN

    @extend_schema(
        operation_id="casus_plan_retrieve", tags=["casussen"], summary="Het gedeelde deel van het plan",
        description=("De doelen van de laatste ondertekende versie, de arrangementregels die deze organisatie "
                     "uitvoert, en wie de regie heeft met hoe die te bereiken is. 404 zodra de casus niet meer "
                     "gedeeld is (toestemming ingetrokken, betrokkenheid beëindigd, casus afgesloten)."),
        responses={200: serializers.GedeeldPlanUit, **_problemen(*LEZEN)},
    )
    def get(self, request, id):
        gedeeld_plan = selectors.gedeeld_plan(request.user.organisatie, id)
        if gedeeld_plan is None:
            raise NotFound()  # never shared, or no longer: the same answer
        services.plan_view(partner=request.user, gedeeld_plan=gedeeld_plan)
        plan = gedeeld_plan.plan
        regisseur = gedeeld_plan.regisseur
        return Response(
            serializers.GedeeldPlanUit(
                {
                    "id": gedeeld_plan.gedeeld.id,
                    "regisseur": vars(regisseur) if regisseur else None,
                    "plan": None
                    if plan is None
                    else {
                        "versie": plan.versie,
                        "ondertekend_op": plan.ondertekend_op,
                        "doelen": [
                            {
                                "id": selectors.doel_id(request.user.organisatie, d.pk),
                                "leefgebied": d.leefgebied.naam,
                                "omschrijving": d.omschrijving,
                                "voor": d.persoon.voornamen.split()[0]
                                if d.persoon_id and d.persoon.voornamen
                                else None,
                                "prioriteit": d.prioriteit,
                                "streefdatum": d.streefdatum,
                            }
                            for d in gedeeld_plan.doelen
                        ],
                        "arrangement": [
                            {
                                "soort": r.soort,
                                "omschrijving": r.omschrijving,
                                "van": r.ingangsdatum,
                                "tot": r.einddatum,
                            }
                            for r in gedeeld_plan.regels
                        ],
                    },
                }
            ).data
        )


class VoorstellenView(PartnerView):
    """A partner that holds regie or is betrokken proposes changes to the plan; the regisseur decides."""

    scope = Scope.VOORSTELLEN

    @extend_schema(
        operation_id="casus_voorstel_list", tags=["voorstellen"], summary="De eigen voorstellen voor deze casus",
        description="De voorstellen van de eigen organisatie voor deze casus, nieuwste eerst, met wat ermee gebeurde.",
        responses={200: serializers.VoorstellenUit, **_problemen(*LEZEN)},
    )
    def get(self, request, id):
        gedeeld = selectors.gedeelde_casus(request.user.organisatie, id)
        if gedeeld is None:
            raise NotFound()
        voorstellen = selectors.voorstellen_van(request.user.organisatie, gedeeld.casus)
        services.voorstellen_list(partner=request.user, gedeeld=gedeeld, voorstellen=voorstellen)
        return Response(serializers.VoorstellenUit({"resultaten": [_voorstel(v) for v in voorstellen]}).data)

    @extend_schema(
        operation_id="casus_voorstel_create", tags=["voorstellen"], request=serializers.VoorstelInvoer,
        summary="Een wijziging van het plan voorstellen",
        description=("Een nieuw doel, een afspraak die de organisatie uitvoert, of voortgang bij een doel van het "
                     "gedeelde plan. Het plan verandert pas als de regisseur van het team het voorstel overneemt. "
                     "404 als de casus niet (meer) met de organisatie gedeeld is."),
        responses={201: serializers.VoorstelUit, **_problemen(400, 401, 403, 404, 413, 415, 429)},
    )
    def post(self, request, id):
        gedeeld_plan = selectors.gedeeld_plan(request.user.organisatie, id)
        if gedeeld_plan is None:
            raise NotFound()
        invoer = serializers.VoorstelInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        voorstel = services.voorstel_submit(partner=request.user, gedeeld_plan=gedeeld_plan, **invoer.validated_data)
        return Response(serializers.VoorstelUit(_voorstel(voorstel)).data, status=status.HTTP_201_CREATED)


def _voorstel(v) -> dict:
    return {"id": v.publiek_id, "soort": v.soort, "omschrijving": v.omschrijving, "status": v.status,
            "ingediend_op": v.ingediend_op, "beoordeeld_op": v.beoordeeld_op, "reden": v.reden}
