"""Every share of a casus with an organisation needs consent in force from every member whose data it
exposes, by the age rules (under 12 a parent with gezag; 12-15 the child and a parent; 16 and over the
young person alone), or a recorded legal ground. Each kind of share × age group × consent state."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkregie.casus.models import Casus, Toestemming
from wijkregie.casus.services import toestemming_withdraw
from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Lidmaatschap, Persoon
from wijkregie.inwoners.services import persoon_create
from wijkregie.plan import services as plan_services
from wijkregie.plan.models import Arrangementregel
from wijkregie.regie.models import Betrokkene, Herinnering, Regie, Schaling
from wijkregie.regie.selectors import casussen_gedeeld_met
from wijkregie.regie.services import betrokkene_add, casus_scale, regie_transfer
from wijkregie.testing import make_persoon

LEEFTIJD = {"kind": 10, "tiener": 14, "volwassen": 17}


def _geboren(jaren: int) -> datetime.date:
    vandaag = timezone.localdate()
    return vandaag.replace(year=vandaag.year - jaren) - datetime.timedelta(days=40)


def _gezin(world, groep: str):
    """A mother with gezag (who consents to sharing with Wering herself) and one child of `groep`."""
    moeder = make_persoon(world, "Anouk", "Visser", team=world.team_noord, regisseur=world.medewerker,
                          geboortedatum=_geboren(41))
    huishouden = Lidmaatschap.objects.get(persoon=moeder).huishouden
    Lidmaatschap.objects.filter(persoon=moeder).update(gezag=True)
    kind = persoon_create(actor=world.medewerker, persoon=Persoon(voornamen="Daan", achternaam="Visser",
                                                                  geboortedatum=_geboren(LEEFTIJD[groep])),
                          huishouden=huishouden, relatie="kind")
    _delen(world, moeder, "zelf")
    return Casus.objects.get(huishouden=huishouden), moeder, kind


def _delen(world, persoon, als, door=None, org=None, **velden):
    return Toestemming.objects.create(gemeente=world.den_helder, persoon=persoon, scope="delen",
                                      organisatie=org or world.wering, doel="afstemmen", gegeven_als=als,
                                      gegeven_door=door, **velden)


def _toestemming_voor_kind(world, groep, moeder, kind, staat):
    """Records the child's consent in `staat`: gegeven, ingetrokken, verlopen or afwezig."""
    if staat == "afwezig":
        return
    extra = {"geldig_tot": timezone.localdate() - datetime.timedelta(days=1)} if staat == "verlopen" else {}
    rijen = {"kind": [("gezag", moeder)], "tiener": [("zelf", None), ("gezag", moeder)],
             "volwassen": [("zelf", None)]}[groep]
    gemaakt = [_delen(world, kind, als, door, **extra) for als, door in rijen]
    if staat == "ingetrokken":
        toestemming_withdraw(actor=world.medewerker, toestemming=gemaakt[0])


def _deel(world, soort, casus):
    if soort == "betrokkene":
        return betrokkene_add(actor=world.medewerker, casus=casus,
                                    betrokkene=Betrokkene(organisatie=world.wering, naam="Consulent schuldhulp"))
    if soort == "regie":
        return regie_transfer(actor=world.medewerker, casus=casus, regie=Regie(
            houder="organisatie", organisatie=world.wering, vinger_aan_de_pols=world.medewerker,
            uitleg_aan_inwoner="De schuldhulp houdt de regie over de financiën."))
    if soort == "voorkeursaanbieder":
        plan = plan_services.plan_create(actor=world.medewerker, casus=casus)
        return plan_services.regel_save(actor=world.medewerker, plan=plan, regel=Arrangementregel(
            soort="maatwerk", omschrijving="Begeleiding", voorkeursaanbieder=world.wering))
    if soort == "schaling":
        return casus_scale(actor=world.medewerker, casus=casus, schaling=Schaling(
            richting="op", naar="specialistisch", organisatie=world.wering, reden="Specialistische schuldhulp"))
    raise AssertionError(soort)


@pytest.mark.parametrize("staat", ["gegeven", "ingetrokken", "verlopen", "afwezig"])
@pytest.mark.parametrize("groep", ["kind", "tiener", "volwassen"])
@pytest.mark.parametrize("soort", ["betrokkene", "regie", "voorkeursaanbieder", "schaling"])
def test_a_share_needs_every_members_consent_by_age(world, soort, groep, staat):
    casus, moeder, kind = _gezin(world, groep)
    _toestemming_voor_kind(world, groep, moeder, kind, staat)
    if staat == "gegeven":
        assert _deel(world, soort, casus).pk
    else:
        with pytest.raises(ValidationError) as fout:
            _deel(world, soort, casus)
        assert "Daan Visser" in " ".join(fout.value.messages) and "Anouk" not in " ".join(fout.value.messages)
        assert AuditEvent.objects.filter(client_id=kind.pk, resultaat="geweigerd").exists()


def test_a_14_year_old_needs_their_own_consent_and_a_parents(world):
    casus, moeder, kind = _gezin(world, "tiener")
    _delen(world, kind, "gezag", moeder)
    with pytest.raises(ValidationError):
        _deel(world, "betrokkene", casus)
    _delen(world, kind, "zelf")
    assert _deel(world, "betrokkene", casus).pk


def test_at_16_the_parents_consent_no_longer_counts(world):
    casus, moeder, kind = _gezin(world, "volwassen")
    _delen(world, kind, "gezag", moeder)  # given while the child was younger
    with pytest.raises(ValidationError):
        _deel(world, "betrokkene", casus)


def test_a_casus_without_a_hoofdpersoon_is_no_exemption(world):
    casus = Casus.objects.create(gemeente=world.den_helder, team=world.team_noord, medewerker=world.medewerker,
                                 status="vraagverheldering")
    with pytest.raises(ValidationError, match="nog geen inwoner"):
        _deel(world, "betrokkene", casus)
    assert not casus.betrokkenen.exists()


def test_a_free_text_betrokkene_must_name_its_organisation(world):
    casus, moeder, kind = _gezin(world, "volwassen")
    with pytest.raises(ValidationError, match="Kies de organisatie"):
        betrokkene_add(actor=world.medewerker, casus=casus, betrokkene=Betrokkene(naam="MEE consulent"))
    # Someone of the household's own network involves no organisation.
    assert betrokkene_add(actor=world.medewerker, casus=casus,
                                betrokkene=Betrokkene(naam="Oma Visser", uit_netwerk=True)).pk


def test_a_legal_ground_allows_a_share_without_consent_and_the_privacy_officer_sees_it(world):
    casus, moeder, kind = _gezin(world, "kind")
    schaling = casus_scale(actor=world.medewerker, casus=casus, schaling=Schaling(
        richting="op", naar="veilig_thuis", organisatie=world.wering, ontvangende_partij="Veilig Thuis",
        reden="Vermoeden van kindermishandeling"))
    assert schaling.grondslag == "veiligheid"
    events = AuditEvent.objects.filter(object_type="casus.casus", object_id=str(casus.pk),
                                       grondslag__startswith="wettelijke grondslag: veiligheid")
    # One event per member whose data went: the privacy officer finds it under the child too.
    assert sorted(e.client_id for e in events) == sorted([moeder.pk, kind.pk])
    assert all("gedeeld zonder toestemming" in e.omschrijving for e in events)


def test_a_legal_ground_needs_a_written_reason(world):
    casus, moeder, kind = _gezin(world, "kind")
    with pytest.raises(ValidationError, match="Licht toe waarom"):
        betrokkene_add(actor=world.medewerker, casus=casus, betrokkene=Betrokkene(
            organisatie=world.wering, naam="Jeugdbeschermer", grondslag="wettelijke_taak"))
    assert not casus.betrokkenen.exists()
    assert betrokkene_add(actor=world.medewerker, casus=casus, betrokkene=Betrokkene(
        organisatie=world.wering, naam="Jeugdbeschermer", grondslag="wettelijke_taak",
        grondslag_toelichting="Ondertoezichtstelling sinds 1 november: de GI heeft een wettelijke taak.")).pk


def test_consent_by_someone_without_gezag_is_refused_at_the_field_and_audited(client, world):
    from wijkregie.testing import login

    casus, moeder, kind = _gezin(world, "kind")
    buurman = persoon_create(actor=world.medewerker, persoon=Persoon(voornamen="Kees", achternaam="Buur",
                                                                     geboortedatum=_geboren(50)))
    from wijkregie.casus.services import toestemming_register
    with pytest.raises(ValidationError, match="geen gezag"):
        toestemming_register(actor=world.medewerker, toestemming=Toestemming(
            persoon=kind, scope="team", gegeven_als="gezag", gegeven_door=buurman))
    with pytest.raises(ValidationError, match="jonger dan 12"):
        toestemming_register(actor=world.medewerker, toestemming=Toestemming(persoon=kind, scope="team"))
    assert not Toestemming.objects.filter(persoon=kind).exists()
    assert (
        AuditEvent.objects.filter(client_id=kind.pk, resultaat="geweigerd", object_type="casus.toestemming").count()
        == 2
    )
    # Through the page: the form offers only who may give it, and records the household in one save.
    login(client, world.medewerker)
    page = client.get(f"/personen/{moeder.pk}/toestemming/").content.decode()
    assert "Anouk Visser (gezag)" in page and "Daan zelf" not in page
    response = client.post(f"/personen/{moeder.pk}/toestemming/", {
        "scope": "team", "wijze": "mondeling", f"gever_{moeder.pk}": "zelf", f"gever_{kind.pk}": f"gezag:{moeder.pk}"})
    assert response.status_code == 302
    assert Toestemming.objects.get(persoon=kind, scope="team").gegeven_door == moeder


def test_withdrawal_the_partner_loses_sight_on_its_next_request(world):
    casus, moeder, kind = _gezin(world, "tiener")
    _toestemming_voor_kind(world, "tiener", moeder, kind, "gegeven")
    _deel(world, "betrokkene", casus)
    assert list(casussen_gedeeld_met(world.wering)) == [casus]
    eigen = Toestemming.objects.get(persoon=kind, gegeven_als="zelf")
    toestemming_withdraw(actor=world.medewerker, toestemming=eigen, reden="Daan wil het niet meer")
    # The next request asks again: nothing is shared any more.
    assert list(casussen_gedeeld_met(world.wering)) == []
    betrokkene = casus.betrokkenen.get()
    assert betrokkene.tot == timezone.localdate() and "ingetrokken" in betrokkene.reden_einde
    taak = Herinnering.objects.get(casus=casus, sleutel__startswith="toestemming:")
    assert taak.medewerker == world.medewerker and str(world.wering) in taak.tekst


def test_without_every_members_team_consent_only_those_directly_involved_see_the_casus(world):
    from wijkregie.casus.selectors import casussen_visible_to
    from wijkregie.organisatie.models import Medewerker

    def ziet(user) -> bool:  # a new request: the user is loaded afresh (the policy is cached per request)
        return casussen_visible_to(Medewerker.objects.get(pk=user.pk)).filter(pk=casus.pk).exists()

    casus, moeder, kind = _gezin(world, "tiener")  # the mother's team consent only (make_persoon)
    assert not ziet(world.collega)
    assert ziet(world.medewerker)  # the regisseur
    Toestemming.objects.create(gemeente=world.den_helder, persoon=kind, scope="team", gegeven_als="gezag",
                               gegeven_door=moeder)
    assert not ziet(world.collega)  # the 14-year-old's own is missing
    eigen = Toestemming.objects.create(gemeente=world.den_helder, persoon=kind, scope="team", gegeven_als="zelf")
    assert ziet(world.collega)
    toestemming_withdraw(actor=world.medewerker, toestemming=eigen)
    assert not ziet(world.collega)


def test_every_legal_ground_fits_the_audit_trail():
    """AuditEvent.grondslag holds 80 characters (PostgreSQL refuses more; SQLite would not tell)."""
    from wijkregie.casus.services import WETTELIJKE_GRONDSLAGEN
    from wijkregie.core.models import AuditEvent

    limiet = AuditEvent._meta.get_field("grondslag").max_length
    assert all(len(tekst) <= limiet for tekst in WETTELIJKE_GRONDSLAGEN.values())
