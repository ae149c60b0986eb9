"""Action rules about one casus (django-rules), stated in terms of the casus selectors."""

import rules

from wijkregie.organisatie.toegangsbeleid import Betrekking, Gegevens


def _casus_id(obj):
    """A casus, or anything of one (a check-in, an evaluation): the casus' id."""
    from .models import Casus

    if obj is None:
        return None
    return obj.pk if isinstance(obj, Casus) else getattr(obj, "casus_id", None)


@rules.predicate
def werkt_in_dossier(user, casus) -> bool:
    """Changes the plan, ZRM, regie, contactmomenten and evaluations: the regisseur, and colleagues with
    the household's team consent. A consulent advises and reads; a teamleider as such distributes."""
    from .selectors import WERKT_IN_DOSSIER, casussen_visible_to

    casus_id = _casus_id(casus)
    return casus_id is not None and casussen_visible_to(user, Gegevens.PLAN, via=WERKT_IN_DOSSIER).filter(pk=casus_id).exists()


@rules.predicate
def werkt_aan_veiligheid(user, casus) -> bool:
    """Records a veiligheidsanalyse or a meldcode step: who works in the file, and the gedragswetenschapper
    asked for a consult (only they lift a lasting safety flag)."""
    from .selectors import WERKT_IN_DOSSIER, casussen_visible_to

    via = WERKT_IN_DOSSIER | {Betrekking.CONSULENT}
    casus_id = _casus_id(casus)
    return casus_id is not None and casussen_visible_to(user, Gegevens.TRIAGE, via=via).filter(pk=casus_id).exists()


rules.add_perm("casus.bewerken", werkt_in_dossier)
rules.add_perm("casus.veiligheid_bewerken", werkt_aan_veiligheid)
