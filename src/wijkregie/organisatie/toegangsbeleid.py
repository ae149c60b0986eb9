"""The access policy, stated once: roles, role groups, and who sees which data at which stage.

docs/toegangsbeleid.md is this table in words (a test keeps them equal). Following VNG's "Zorgvuldig en
bewust" (2014): share only what the stage of the route needs, within a careful triage.

A medewerker reaches a resident's data through a *betrekking* (a relation to that file): the KCC
worker who registered the question, the bureaudienst that allocates it, the regisseur of the casus,
a colleague of the team (with or without the household's consent to discuss it in the team), the
teamleider, the gedragswetenschapper asked for a safety consult, the backoffice. A user may have
several betrekkingen with one file; what they see is the union.

Selectors build their querysets from `stadia_voor(betrekking, soort)`, so the code cannot say more
than this table. Views declare which kinds of data they show (`toont`), and a test generated from
the URL configuration checks every view × persona × stage against the table.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkregie.core.access import toont

from .models import Rol

__all__ = ["toont"]

# ---------------------------------------------------------------------------------------------------
# Roles and role groups (the only place where roles are grouped).

#: Roles that work with residents' files. Policy and privacy officers see aggregates and the audit
#: trail only, even when they are also listed in a team.
ZORGROLLEN = (Rol.MEDEWERKER, Rol.KCC, Rol.BUREAUDIENST, Rol.GEDRAGSWETENSCHAPPER, Rol.BACKOFFICE, Rol.TEAMLEIDER)
#: Roles that take part in a team's casework (a team membership gives them the team's files).
TEAMROLLEN = (Rol.MEDEWERKER, Rol.BUREAUDIENST, Rol.GEDRAGSWETENSCHAPPER, Rol.TEAMLEIDER)
#: Roles that identify residents for the whole gemeente (register, allocate, decide): who someone is,
#: never their file.
GEMEENTEBREDE_ROLLEN = (Rol.KCC, Rol.BUREAUDIENST, Rol.BACKOFFICE)
#: Roles that register residents, aanmeldingen and signalen.
REGISTRERENDE_ROLLEN = (Rol.MEDEWERKER, Rol.KCC, Rol.BUREAUDIENST, Rol.TEAMLEIDER, Rol.GEDRAGSWETENSCHAPPER,
                        Rol.BACKOFFICE)
#: Roles that record a triage (the KCC registers and answers, it does not triage).
TRIAGE_ROLLEN = (Rol.BUREAUDIENST, Rol.MEDEWERKER, Rol.GEDRAGSWETENSCHAPPER, Rol.TEAMLEIDER)
#: Roles that allocate aanmeldingen to teams.
TOEDELENDE_ROLLEN = (Rol.BUREAUDIENST,)
#: Roles that follow the bureaudienst's queue (the gedragswetenschapper for its acute and unsafe part).
WACHTRIJ_ROLLEN = (Rol.BUREAUDIENST, Rol.GEDRAGSWETENSCHAPPER, Rol.TEAMLEIDER)
#: Roles that see the open signalen (early signals from partners) before anyone acts on them.
SIGNAALROLLEN = (Rol.BUREAUDIENST, Rol.KCC)
#: Roles with the monitor in their menu: the gemeente's figures, or their own team's.
MONITORROLLEN = (Rol.BELEIDSMEDEWERKER, Rol.TEAMLEIDER, Rol.MEDEWERKER, Rol.BUREAUDIENST, Rol.GEDRAGSWETENSCHAPPER)
#: Roles that see the monitor for the whole gemeente (aggregates only).
BELEIDSROLLEN = (Rol.BELEIDSMEDEWERKER, Rol.TEAMLEIDER)
#: Roles that read the register of mandates.
MANDAATREGISTER_ROLLEN = (Rol.FUNCTIONEEL_BEHEERDER, Rol.TEAMLEIDER, Rol.BACKOFFICE, Rol.PRIVACYFUNCTIONARIS)


# ---------------------------------------------------------------------------------------------------
# Stages of the route and kinds of data.

class Stadium(models.TextChoices):
    """Where a question is on the route. An aanmelding and its casus share one stage."""

    AANMELDING = "aanmelding", _("aanmelding")
    TRIAGE = "triage", _("triage")
    TOEGEDEELD = "toegedeeld", _("toegedeeld")
    PLAN = "plan", _("plan")
    UITVOERING = "uitvoering", _("uitvoering")
    AFGESCHAALD = "afgeschaald", _("afgeschaald")
    AFGESLOTEN = "afgesloten", _("afgesloten")


class Gegevens(models.TextChoices):
    """Kinds of data, each shown only where the table allows it."""

    IDENTITEIT = "identiteit", _("identiteit")              # name, birth date, BSN, address
    CONTACT = "contact", _("contact")                      # phone, e-mail, how to reach
    VRAAG = "vraag", _("vraag")                            # the aanmelding: channel, question, front answer
    TRIAGE = "triage", _("triage en veiligheid")           # urgency, safety, veiligheidsanalyse, meldcode
    TOESTEMMING = "toestemming", _("toestemming")          # consents, their purposes and signed documents
    PLAN = "plan", _("plan en ZRM")                        # vraagverheldering, ZRM, plan, regie, evaluations
    CONTACTMOMENTEN = "contactmomenten", _("contactmomenten")  # contactmomenten and the timeline
    DOCUMENTEN = "documenten", _("documenten")             # PDFs and downloads


class Betrekking(models.TextChoices):
    """A user's relation to one file. Derived from roles, team membership, consent and the file itself."""

    KCC = "kcc", _("KCC (registreerde de vraag)")
    BUREAUDIENST = "bureaudienst", _("bureaudienst")
    REGISSEUR = "regisseur", _("regisseur of toegewezen medewerker")
    TEAM_MET_TOESTEMMING = "team_toestemming", _("teamcollega, huishouden gaf toestemming voor het team")
    TEAM_ZONDER_TOESTEMMING = "team", _("teamcollega, zonder toestemming van het huishouden")
    TEAMLEIDER = "teamleider", _("teamleider van het team")
    CONSULENT = "consulent", _("gedragswetenschapper of specialist om consult gevraagd")
    BACKOFFICE = "backoffice", _("backoffice")
    NOODTOEGANG = "noodtoegang", _("noodtoegang (met reden, voor beperkte tijd)")
    GEEN = "geen", _("ander team, beleid, privacy, beheer, andere gemeente")


S, G, B = Stadium, Gegevens, Betrekking
_ALLES = frozenset(G)
_WIE = frozenset({G.IDENTITEIT})
_WIE_EN_HOE = frozenset({G.IDENTITEIT, G.CONTACT})

#: betrekking → stadium → the kinds of data it shows. Missing means nothing.
TABEL: dict[str, dict[str, frozenset[str]]] = {
    # KCC registers and answers at the front; after handover it sees only who a resident is (to
    # recognise a caller), never triage, consents or plans.
    B.KCC: {
        S.AANMELDING: frozenset({G.IDENTITEIT, G.CONTACT, G.VRAAG}),
        **{s: _WIE for s in (S.TRIAGE, S.TOEGEDEELD, S.PLAN, S.UITVOERING, S.AFGESCHAALD, S.AFGESLOTEN)},
    },
    # The bureaudienst triages and allocates its queue; after allocation it keeps the question (to
    # reallocate) but not the triage, and never the team's safety analysis; later only who a resident is.
    B.BUREAUDIENST: {
        S.AANMELDING: frozenset({G.IDENTITEIT, G.CONTACT, G.VRAAG, G.TRIAGE, G.TOESTEMMING}),
        S.TRIAGE: frozenset({G.IDENTITEIT, G.CONTACT, G.VRAAG, G.TRIAGE, G.TOESTEMMING}),
        S.TOEGEDEELD: frozenset({G.IDENTITEIT, G.CONTACT, G.VRAAG}),
        **{s: _WIE for s in (S.PLAN, S.UITVOERING, S.AFGESCHAALD, S.AFGESLOTEN)},
    },
    # The regisseur (or the medewerker the file is allocated to) sees the whole file while it runs;
    # after afsluiten everything but triage and documents, to answer questions and to reopen.
    B.REGISSEUR: {
        **{s: _ALLES for s in (S.TOEGEDEELD, S.PLAN, S.UITVOERING, S.AFGESCHAALD)},
        S.AFGESLOTEN: frozenset({G.IDENTITEIT, G.CONTACT, G.VRAAG, G.TOESTEMMING, G.PLAN, G.CONTACTMOMENTEN}),
    },
    # Colleagues see a running file only when the household agreed to discuss it in the team.
    B.TEAM_MET_TOESTEMMING: {s: _ALLES for s in (S.TOEGEDEELD, S.PLAN, S.UITVOERING, S.AFGESCHAALD)},
    # Without that consent a colleague sees only that a question waits for the team (to pick it up).
    B.TEAM_ZONDER_TOESTEMMING: {S.TOEGEDEELD: frozenset({G.IDENTITEIT, G.VRAAG})},
    # The teamleider distributes work: who and what stage, for the team's caseload; content only as a
    # colleague (with the household's consent, through TEAM_MET_TOESTEMMING).
    B.TEAMLEIDER: {s: _WIE for s in (S.TOEGEDEELD, S.PLAN, S.UITVOERING, S.AFGESCHAALD, S.AFGESLOTEN)},
    # Asked for a consult: the file's content while the consult runs, not consents or contacts.
    B.CONSULENT: {
        **{s: frozenset({G.IDENTITEIT, G.VRAAG, G.TRIAGE, G.PLAN, G.DOCUMENTEN})
           for s in (S.AANMELDING, S.TRIAGE, S.TOEGEDEELD, S.PLAN, S.UITVOERING, S.AFGESCHAALD)},
    },
    # The backoffice decides on beschikkingen: it identifies residents, nothing of the team's file.
    B.BACKOFFICE: {s: _WIE_EN_HOE for s in S},
    # Break-the-glass (privacy/noodtoegang.py): a team medewerker without a relation opens a casus with a
    # written reason, for NOODTOEGANG_DUUR; read-only (not in casus.selectors.WERKT_IN_DOSSIER), through
    # the casus' own pages (casus.selectors.ALLEEN_IN_DE_CASUS: no contact details, consent forms or
    # aanmelding pages, where data is changed), never the documents, after afsluiten no more than the
    # regisseur keeps. Every read carries the ground "noodtoegang"; the privacy officer reviews each one.
    B.NOODTOEGANG: {
        **{s: frozenset({G.IDENTITEIT, G.VRAAG, G.TRIAGE, G.TOESTEMMING, G.PLAN, G.CONTACTMOMENTEN})
           for s in (S.TOEGEDEELD, S.PLAN, S.UITVOERING, S.AFGESCHAALD)},
        S.AFGESLOTEN: frozenset({G.IDENTITEIT, G.VRAAG, G.TOESTEMMING, G.PLAN, G.CONTACTMOMENTEN}),
    },
    B.GEEN: {},
}


def mag(betrekking: str, stadium: str, soort: str) -> bool:
    return soort in TABEL.get(betrekking, {}).get(stadium, frozenset())


#: (betrekking, soort) → the stages in which it is shown: the table is a constant, read once at import
#: instead of on every condition a page builds (issue 17).
_STADIA: dict[tuple[str, str], tuple[str, ...]] = {
    (betrekking, soort): tuple(stadium for stadium in Stadium if mag(betrekking, stadium, soort))
    for betrekking in Betrekking for soort in Gegevens
}


def stadia_voor(betrekking: str, soort: str) -> tuple[str, ...]:
    """The stages in which this relation shows this kind of data (what selectors filter on)."""
    gevonden = _STADIA.get((betrekking, soort))
    if gevonden is None:  # not a Betrekking or Gegevens value: the table gives it nothing
        gevonden = tuple(stadium for stadium in Stadium if mag(betrekking, stadium, soort))
    return gevonden


def gegevens_voor(betrekkingen: Iterable[str], stadium: str) -> frozenset[str]:
    """Everything a user with these relations sees of a file at this stage."""
    result: frozenset[str] = frozenset()
    for betrekking in betrekkingen:
        result |= TABEL.get(betrekking, {}).get(stadium, frozenset())
    return result


# ---------------------------------------------------------------------------------------------------
# What each view shows: declared on the view (`toont`, in core.access so that every app can use it),
# checked by the generated policy test.

def markdown_tabel() -> str:
    """The table as it stands in docs/toegangsbeleid.md."""
    afkorting = {
        G.IDENTITEIT: "I", G.CONTACT: "C", G.VRAAG: "V", G.TRIAGE: "T", G.TOESTEMMING: "Z",
        G.PLAN: "P", G.CONTACTMOMENTEN: "K", G.DOCUMENTEN: "D",
    }
    kop = "| betrekking | " + " | ".join(str(s.value) for s in Stadium) + " |"
    regels = [kop, "|---|" + "---|" * len(Stadium)]
    for betrekking in Betrekking:
        cellen = []
        for stadium in Stadium:
            soorten = TABEL.get(betrekking, {}).get(stadium, frozenset())
            cellen.append("".join(afkorting[g] for g in Gegevens if g in soorten) or "–")
        regels.append(f"| {betrekking.value} | " + " | ".join(cellen) + " |")
    return "\n".join(regels)
