"""The session store: Django's database sessions, read with one statement written once (issue 17).

Every request reads its session. Django's store builds that query with the ORM each time
(`Session.objects.get(session_key=…, expire_date__gt=now)`): building and compiling it was about 3 % of the
server's Python time under the bench's capacity load (py-spy, session 18), for a statement whose text never
changes. Here it is written once, with the same two conditions, as parameters; writing, expiry and everything
else stay Django's own. Configured by SESSION_ENGINE = "wijkregie.core.sessies".
"""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        if not self.session_key:
            self._session_key = None
            return None
        model = self.model
        using = router.db_for_read(model)
        verbinding = connections[using]
        tabel = verbinding.ops.quote_name(model._meta.db_table)
        with verbinding.cursor() as cursor:
            cursor.execute(f"SELECT session_data FROM {tabel} WHERE session_key = %s AND expire_date > %s",
                           [self.session_key, verbinding.ops.adapt_datetimefield_value(timezone.now())])
            rij = cursor.fetchone()
        if rij is None:
            # As Django's store: an unknown or expired key is forgotten, so saving makes a new one.
            self._session_key = None
            return None
        # Only the data is read (load() decodes nothing else); the instance is not for saving.
        return model(session_key=self.session_key, session_data=rij[0])
