"""Action rules of the privacy app, in terms of the access policy's role groups (organisatie/rules.py)."""

import rules

from wijkregie.organisatie.rules import is_privacyfunctionaris, werkt_in_team

# Break-the-glass: whoever does casework in a team (privacy/noodtoegang.py).
rules.add_perm("privacy.noodtoegang", werkt_in_team)
# The inzage for a resident and the review queue are the privacy officer's.
rules.add_perm("privacy.inzage", is_privacyfunctionaris)
rules.add_perm("privacy.beoordelen", is_privacyfunctionaris)
