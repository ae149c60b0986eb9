"""Message types and code lists of iWmo/iJw 3.2 that the exchange needs.

Berichtcodes from COD002 (Vektis), retourcodes from WJ001, reden afwijzing verzoek from WJ759,
verzoek antwoord from WJ760, reden verzoek from WJ758. The longer code lists (productcategorie,
eenheid, frequentie, reden beëindiging) are enumerations in the XSDs and checked there.
"""

from __future__ import annotations

from dataclasses import dataclass

WMO = "wmo"
JW = "jw"


@dataclass(frozen=True)
class Berichtsoort:
    naam: str  # "JW301"
    standaard: str  # WMO or JW
    nummer: int  # 301
    code: str  # COD002 berichtcode, "436"

    @property
    def namespace(self) -> str:
        if self.standaard == WMO:
            return f"http://www.istandaarden.nl/iwmo/3_2/wmo{self.nummer}/schema"
        return f"http://www.istandaarden.nl/ijw/3_2/jw{self.nummer}/schema"

    @property
    def basis_namespace(self) -> str:
        return basis_namespace(self.standaard)


def basis_namespace(standaard: str) -> str:
    if standaard == WMO:
        return "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
    return "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"


_CODES = {
    WMO: {301: "414", 302: "415", 305: "418", 306: "419", 307: "420", 308: "421", 315: "444", 316: "445",
          317: "480", 318: "481", 319: "482", 320: "483"},
    JW: {301: "436", 302: "437", 305: "438", 306: "439", 307: "440", 308: "441", 315: "446", 316: "447",
         317: "486", 318: "487", 319: "488", 320: "489"},
}

SOORTEN: dict[str, Berichtsoort] = {
    f"{'WMO' if std == WMO else 'JW'}{nr}": Berichtsoort(f"{'WMO' if std == WMO else 'JW'}{nr}", std, nr, code)
    for std, codes in _CODES.items() for nr, code in codes.items()
}


def soort(standaard: str, nummer: int) -> Berichtsoort:
    return SOORTEN[f"{'WMO' if standaard == WMO else 'JW'}{nummer}"]


def soort_van_namespace(namespace: str) -> Berichtsoort | None:
    for s in SOORTEN.values():
        if s.namespace == namespace:
            return s
    return None


#: The retour message answering each incoming message (heenbericht → retourbericht).
RETOUR_OP = {301: 302, 305: 306, 307: 308, 315: 316, 317: 318, 319: 320}

#: Incoming messages wijkregie reads (from a provider: heen, or retour on what we sent).
INKOMEND = {305, 307, 315, 317, 302, 320}

# WJ001 retourcodes (the ones this exchange gives or reads; the full list is in the XSD enumeration).
GOED = "0200"  # Geen opmerking over deze berichtklasse.
TECHNISCH = "0001"  # Bericht is afgekeurd om technische redenen (XSD, CS/CD and xslt TR rules).
NIET_BEOORDEELD = "0233"  # Berichtklasse is niet beoordeeld.

RETOURCODES = {
    "0001": "Bericht is afgekeurd om technische redenen.",
    "0200": "Geen opmerking over deze berichtklasse.",
    "0233": "Berichtklasse is niet beoordeeld.",
    "8187": "Het bericht hoort niet bij deze cliënt.",
    "8848": "Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen.",
    "9019": "Het regiebericht kan niet gekoppeld worden aan een toewijzing.",
    "9056": "Identificatie moet uniek zijn.",
    "9063": "Het bericht kan niet verwerkt worden omdat geen eerder bericht ontvangen is.",
    "9069": "Er is geen actueel startbericht met dezelfde sleutel.",
    "9071": "Het eerdere startbericht kan niet verwijderd worden omdat de zorg al beëindigd is.",
    "9074": "Er is al een eerder bericht ontvangen met dezelfde sleutel.",
    "9326": "De actuele levering is nog niet gestopt met een Stopbericht.",
    "9347": "ReferentieAanbieder is niet uniek voor de aanbieder binnen het wettelijk domein.",
    "9349": "Het verzoek om wijziging bevat niet alle actuele toegewezen producten van de cliënt.",
    "9350": "OngewijzigdProduct is niet gerelateerd aan een actueel toegewezen product.",
    "9351": "TeWijzigenProduct is niet gerelateerd aan een actuele toewijzing.",
    "9357": "GewensteIngangsdatum ligt niet na de dagtekening en is niet gelijk aan de ingangsdatum van de toewijzing.",
    "9374": "Er is al een verzoek onderhanden.",
    "9414": "Einddatum ligt voor de einddatum van het actuele StopProduct.",
    "9415": "Er is al een StopProduct met dezelfde sleutel.",
    "S300": "Gemeentecode ongeldig.",
    "S329": "ProductCode ongeldig.",
}


def retourcode_betekenis(code: str) -> str:
    return RETOURCODES.get(code, code)


# WJ760 VerzoekAntwoord.
VERZOEK_AFGEWEZEN = "1"
VERZOEK_IN_ONDERZOEK = "2"

# WJ759 RedenAfwijzingVerzoek.
REDENEN_AFWIJZING = {
    "1": "Geen wijziging, maar nieuwe aanvraag",
    "2": "Past niet binnen budget",
    "3": "Geen contract",
    "4": "Past niet binnen contract",
    "5": "Andere gemeente",
    "6": "Stapeling",
    "7": "Zorginhoudelijke afkeur",
    "8": "Woonplaatsbeginsel",
    "9": "Leeftijdsgrens is bereikt",
}
WOONPLAATSBEGINSEL = "8"

# WJ758 RedenVerzoek (317).
REDENEN_VERZOEK = {"1": "Verandering cliëntsituatie", "2": "Wijziging zorgplan"}

# COD467 StatusAanlevering: CS058 allows only 1 (eerste aanlevering) and 3 (verwijderen) in 305/307.
EERSTE_AANLEVERING = "1"
VERWIJDEREN = "3"

# JZ588/WMO588 RedenBeeindiging 20: levering tijdelijk beëindigd (TR413/TR415).
TIJDELIJK_BEEINDIGD = "20"
