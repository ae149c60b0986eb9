"""Action rules about one casus (django-rules), stated in terms of the casus selectors."""

import rules

from wijkregie.organisatie.toegangsbeleid import Betrekking, Gegevens


def _casus(obj):
    """A casus, or anything of one (a check-in, an evaluation): the casus, or its id."""
    from .models import Casus

    if obj is None or isinstance(obj, Casus):
        return obj
    return getattr(obj, "casus_id", None)


@rules.predicate
def werkt_in_dossier(user, casus) -> bool:
    """Changes the plan, ZRM, regie, contactmomenten and evaluations: the regisseur, and colleagues with
    the household's team consent. A consulent advises and reads; a teamleider as such distributes."""
    from .selectors import WERKT_IN_DOSSIER, casus_toont

    return casus_toont(user, _casus(casus), Gegevens.PLAN, via=WERKT_IN_DOSSIER)


@rules.predicate
def werkt_aan_veiligheid(user, casus) -> bool:
    """Records a veiligheidsanalyse or a meldcode step: who works in the file, and the gedragswetenschapper
    asked for a consult (only they lift a lasting safety flag)."""
    from .selectors import WERKT_IN_DOSSIER, casus_toont

    return casus_toont(user, _casus(casus), Gegevens.TRIAGE, via=WERKT_IN_DOSSIER | {Betrekking.CONSULENT})


rules.add_perm("casus.bewerken", werkt_in_dossier)
rules.add_perm("casus.veiligheid_bewerken", werkt_aan_veiligheid)
