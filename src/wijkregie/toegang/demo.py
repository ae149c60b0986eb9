"""Demo residents and three years of aanmeldingen for Den Helder (synthetic: Faker nl_NL, test-range BSNs).

Rates follow the 2014 pilot (seed 004 Tabel 6 and 7): channels mostly e-mail and partners, half of
the categorised questions informatie en advies. Scaled to the whole gemeente: about 550 aanmeldingen
a year for 27.196 households. History is written directly (not through the services) because it
happened in the past; the audit trail gets one event for the load.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from faker import Faker

from wijkregie.casus.models import Casus, Statusovergang, Toestemming
from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.core.bsn import test_bsns
from wijkregie.inwoners.models import Huishouden, Hulprelatie, Lidmaatschap, Persoon, Relatie, zoeknaam
from wijkregie.organisatie.models import Leefgebied, Medewerker, Postcodegebied, Team, Voorziening, Wijk
from wijkregie.organisatie.services import leefgebieden_ensure

from .models import Aanmelding, Kanaal, Signaal, Toedeling, Triage

# Approximate four-digit postcode areas per wijk (demo only).
POSTCODES = {"Centrum": ["1781"], "De Schooten": ["1782"], "Nieuw Den Helder": ["1783", "1784"],
             "Julianadorp": ["1786", "1787", "1788"]}
KANALEN = [(Kanaal.EMAIL, 30), (Kanaal.PARTNER, 32), (Kanaal.TELEFOON, 20), (Kanaal.INLOOP, 8),
           (Kanaal.WEBFORMULIER, 6), (Kanaal.OUTREACH, 4)]
AARD = [("informatie", 20), ("enkelvoudig_zonder", 3), ("enkelvoudig_met", 4), ("meervoudig_zonder", 7),
        ("meervoudig_met", 6)]
VRAGEN = [
    "Ik kan de huur niet meer betalen en de post stapelt zich op.",
    "Mijn vader wordt vergeetachtig en redt het thuis niet meer alleen.",
    "Onze zoon gaat niet meer naar school en zit de hele dag op zijn kamer.",
    "Ik zoek hulp bij het huishouden sinds mijn heupoperatie.",
    "Na de scheiding lukt het me niet om alles te regelen voor de kinderen.",
    "Ik voel me eenzaam sinds mijn vrouw is overleden.",
    "Ik ben mijn baan kwijt en weet niet hoe het verder moet met de rekeningen.",
    "Mijn dochter heeft autisme en thuis loopt het vast.",
    "De huisarts stuurt mij: ik heb schulden en slaap slecht.",
    "Ik heb een rolstoel nodig en de drempels in huis zijn te hoog.",
]
PER_JAAR_PER_HUISHOUDEN = 550 / 27196


def _kies(rng: random.Random, gewogen):
    return rng.choices([w for w, _ in gewogen], weights=[g for _, g in gewogen])[0]


def load_toegang(gemeente, *, households: int = 1000, seed: int = 2014) -> int:
    """Adds residents and three years of aanmeldingen, once. Returns the number of records created."""
    if Persoon.objects.filter(gemeente=gemeente).exists():
        return 0
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    now = timezone.now()
    created = 0
    with transaction.atomic():
        leefgebieden_ensure(gemeente=gemeente)
        wijken = {w.naam: w for w in Wijk.objects.filter(gemeente=gemeente)}
        for naam, codes in POSTCODES.items():
            for code in codes:
                if naam in wijken:
                    Postcodegebied.objects.get_or_create(gemeente=gemeente, postcode4=code, defaults={"wijk": wijken[naam]})
        gewichten = [(w, w.huishoudens) for w in wijken.values()]
        bsns = test_bsns()  # the test range holds about 9.000 valid numbers; later demo residents have none
        hoofden: list[Persoon] = []
        huishouden_van: dict[int, Huishouden] = {}
        for _h in range(households):
            wijk = _kies(rng, gewichten)
            achternaam = fake.last_name()
            straat, huisnummer = fake.street_name(), str(rng.randint(1, 180))
            postcode = f"{rng.choice(POSTCODES.get(wijk.naam, ['1781']))} {fake.random_uppercase_letter()}{fake.random_uppercase_letter()}"
            huishouden = Huishouden.objects.create(gemeente=gemeente, naam=f"Huishouden {achternaam}")
            # About 2,08 persons per household (56.623 / 27.196).
            grootte = _kies(rng, [(1, 38), (2, 30), (3, 13), (4, 13), (5, 6)])
            leden = []
            for i in range(grootte):
                relatie = Relatie.HOOFD if i == 0 else (Relatie.PARTNER if i == 1 and grootte > 2 or i == 1 and rng.random() < .6 else Relatie.KIND)
                leeftijd = rng.randint(19, 88) if relatie != Relatie.KIND else rng.randint(0, 17)
                voornaam = fake.first_name()
                persoon = Persoon(
                    gemeente=gemeente, voornamen=voornaam, achternaam=achternaam,
                    geboortedatum=now.date() - timedelta(days=leeftijd * 365 + rng.randint(0, 364)),
                    bsn=next(bsns, "") if rng.random() < 0.93 else "", straat=straat, huisnummer=huisnummer,
                    postcode=postcode, woonplaats="Julianadorp" if wijk.naam == "Julianadorp" else "Den Helder",
                    telefoon=f"06{rng.randint(10000000, 99999999)}" if relatie != Relatie.KIND else "", wijk=wijk,
                    zoeknaam=zoeknaam(voornaam, achternaam),
                )
                leden.append((persoon, relatie))
            Persoon.objects.bulk_create([p for p, _r in leden])
            Lidmaatschap.objects.bulk_create([
                Lidmaatschap(gemeente=gemeente, persoon=p, huishouden=huishouden, relatie=r,
                             van=now.date() - timedelta(days=rng.randint(100, 4000)))
                for p, r in leden
            ])
            created += 1 + 2 * len(leden)
            hoofden.append(leden[0][0])
            huishouden_van[leden[0][0].pk] = huishouden

        teams = {t.pk: t for t in Team.objects.filter(gemeente=gemeente).prefetch_related("wijken")}
        team_van_wijk = {w.pk: t for t in teams.values() for w in t.wijken.all()}
        leden_van_team: dict[int, list[Medewerker]] = {}
        for m in Medewerker.objects.filter(gemeente=gemeente, is_active=True, teamlidmaatschappen__isnull=False).prefetch_related("teamlidmaatschappen"):
            for lid in m.teamlidmaatschappen.all():
                leden_van_team.setdefault(lid.team_id, []).append(m)
        bureaudienst = Medewerker.objects.filter(gemeente=gemeente, roltoewijzingen__rol="bureaudienst").first()
        kcc = Medewerker.objects.filter(gemeente=gemeente, roltoewijzingen__rol="kcc").first()
        vrij = list(Voorziening.objects.filter(gemeente=gemeente, toegang="vrij"))
        domeinen = list(Leefgebied.objects.filter(gemeente=gemeente))

        # Three years of history, so that files, reopenings and trends span years.
        jaren = 3
        aantal = max(200, round(PER_JAAR_PER_HUISHOUDEN * households)) * jaren
        for i in range(aantal):
            ontvangen = now - timedelta(days=365 * jaren * (1 - i / aantal), hours=rng.randint(0, 8))
            hoofd = rng.choice(hoofden)
            kanaal = _kies(rng, KANALEN)
            aard = _kies(rng, AARD)
            anoniem = kanaal == Kanaal.WEBFORMULIER
            aanmelding = Aanmelding(
                gemeente=gemeente, kanaal=kanaal, vraag=rng.choice(VRAGEN), ontvangen_op=ontvangen,
                geregistreerd_op=ontvangen + timedelta(minutes=rng.randint(2, 90)), geregistreerd_door=kcc,
                persoon=None if anoniem else hoofd, huishouden=None if anoniem else huishouden_van[hoofd.pk],
                anoniem_naam=f"{fake.first_name()} {hoofd.achternaam}" if anoniem else "",
                postcode=hoofd.postcode, contact=hoofd.telefoon,
                verwijzer=rng.choice(["02", "02", "03", "01", "05"]) if kanaal == Kanaal.PARTNER else "",
                verwijzer_naam=rng.choice(["Huisartsenpraktijk Julianadorp", "Consultatiebureau GGD", "Woningcorporatie", "Basisschool De Vlinder"]) if kanaal == Kanaal.PARTNER else "",
            )
            if aard == "informatie":
                aanmelding.status = "voorkant"
                aanmelding.advies = "Informatie gegeven en verwezen naar een vrij toegankelijke voorziening."
                aanmelding.voorziening = rng.choice(vrij) if vrij else None
                aanmelding.eerste_contact_op = ontvangen + timedelta(hours=rng.randint(1, 30))
                aanmelding.afgehandeld_op = aanmelding.eerste_contact_op
                aanmelding.save()
                created += 1
                continue
            team = team_van_wijk.get(hoofd.wijk_id) or next(iter(teams.values()))
            medewerker = rng.choice(leden_van_team.get(team.pk, [None]))
            leeftijd_dagen = (now - ontvangen).days
            wacht_dagen = rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 5, 7, 9, 14, 21])
            # Most are allocated within two days; a few recent ones still wait at the bureaudienst.
            toegedeeld = leeftijd_dagen > 2
            aanmelding.status = "toegedeeld" if toegedeeld else "bureaudienst"
            if toegedeeld:
                aanmelding.team, aanmelding.medewerker = team, medewerker
                aanmelding.toegedeeld_op = ontvangen + timedelta(hours=rng.randint(2, 48))
                if wacht_dagen < leeftijd_dagen:
                    aanmelding.eerste_contact_op = ontvangen + timedelta(days=wacht_dagen, hours=rng.randint(1, 8))
            aanmelding.save()
            urgentie = _kies(rng, [("normaal", 85), ("hoog", 12), ("acuut", 3)])
            veiligheid = _kies(rng, [("nee", 90), ("twijfel", 6), ("ja", 4)])
            triage = Triage.objects.create(
                gemeente=gemeente, aanmelding=aanmelding, urgentie=urgentie, veiligheid=veiligheid,
                veiligheid_toelichting="Zorgen over spanningen thuis." if veiligheid != "nee" else "",
                meervoudig=aard.startswith("meervoudig"), aard=aard,
                uitkomst="vraagverheldering" if aard.startswith("meervoudig") else "kortdurend",
                vraagverheldering_door=medewerker if aard.startswith("meervoudig") else None,
                door=bureaudienst, op=ontvangen + timedelta(hours=rng.randint(1, 24)),
            )
            triage.leefgebieden.set(rng.sample(domeinen, k=3 if triage.meervoudig else 1))
            created += 2
            if toegedeeld:
                status = "vraagverheldering" if triage.uitkomst == "vraagverheldering" else "uitvoering"
                casus = Casus.objects.create(gemeente=gemeente, team=team, medewerker=medewerker,
                                             huishouden=aanmelding.huishouden, hoofdpersoon=aanmelding.persoon,
                                             status=status, geopend_op=aanmelding.toegedeeld_op)
                Statusovergang.objects.create(gemeente=gemeente, casus=casus, van="", naar=status, door=bureaudienst,
                                              op=aanmelding.toegedeeld_op, reden=f"aanmelding {aanmelding.pk} toegedeeld")
                Toedeling.objects.create(gemeente=gemeente, aanmelding=aanmelding, team=team, medewerker=medewerker,
                                         door=bureaudienst, op=aanmelding.toegedeeld_op)
                Aanmelding.objects.filter(pk=aanmelding.pk).update(casus=casus)
                if aanmelding.persoon_id:
                    ids = Lidmaatschap.objects.filter(huishouden=aanmelding.huishouden).values_list("persoon_id", flat=True)
                    Hulprelatie.objects.bulk_create([
                        Hulprelatie(gemeente=gemeente, persoon_id=pid, team=team, sinds=aanmelding.toegedeeld_op,
                                    reden=f"casus {casus.pk}") for pid in ids
                    ])
                    Toestemming.objects.create(gemeente=gemeente, persoon=aanmelding.persoon, casus=casus, scope="team",
                                               gegeven_op=aanmelding.toegedeeld_op, vastgelegd_door=medewerker)
                created += 5
        for bron, tekst in [("energie", "Drie maanden betalingsachterstand bij de energieleverancier."),
                            ("school", "Leerling komt vaak te laat en zonder ontbijt."),
                            ("zorgverzekering", "Premieachterstand van zes maanden.")]:
            Signaal.objects.create(gemeente=gemeente, bron=bron, melder="Partner (demo)", omschrijving=tekst,
                                   ontvangen_op=now - timedelta(days=rng.randint(1, 20)), geregistreerd_door=kcc)
            created += 1
        audit_log(actor=None, actie=AuditActie.EXECUTE, object_type="demo", gemeente_id=gemeente.pk,
                  omschrijving=f"demo-inwoners en aanmeldingen geladen: {households} huishoudens, {aantal} aanmeldingen",
                  grondslag="systeem")
    return created
