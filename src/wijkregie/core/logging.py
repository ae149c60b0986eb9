"""Keep personal data out of application logs (AVG): strip query strings from logged request lines."""

import logging
import re

_QUERY = re.compile(r"\?[^\s\"']*")


class NoPersonalDataFilter(logging.Filter):
    """Search terms and form values travel in query strings; a log line keeps only the path."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.args = tuple(_QUERY.sub("?…", a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = _QUERY.sub("?…", record.msg)
        request = getattr(record, "request", None)
        if request is not None:
            record.request = None  # Django attaches the request (with POST data) to error records
        return True
