"""Keep personal data out of application logs (AVG): no query strings, no request objects, no
exception messages (a database error repeats the values it refused)."""

import logging
import re
import traceback

_QUERY = re.compile(r"\?[^\s\"']*")


def _strip(value):
    return _QUERY.sub("?…", value) if isinstance(value, str) else value


class NoPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict):
            record.args = {k: _strip(v) for k, v in record.args.items()}
        elif record.args:
            record.args = tuple(_strip(a) for a in record.args)
        if isinstance(record.msg, str):
            record.msg = _strip(record.msg)
        if getattr(record, "request", None) is not None:
            record.request = None  # Django attaches the request (with POST data) to error records
        if record.exc_info and record.exc_info[0] is not None:
            exc_type, _exc, tb = record.exc_info
            # Where it went wrong stays; what the exception said (possibly field values) does not.
            record.exc_text = (
                "".join(traceback.format_tb(tb)) + f"{exc_type.__module__}.{exc_type.__name__}: (melding weggelaten)"
            )
            record.exc_info = None
        return True
