"""The portal's action rule for the access policy: no staff account is a partner.

Portal pages declare `perm="portaal.partner"` (organisatie/tests/test_toegangsbeleid_urls.py then expects
every staff persona to be refused there); a portal user is never a Django user, so nobody holds it.
"""

import rules

rules.add_perm("portaal.partner", rules.always_deny)
