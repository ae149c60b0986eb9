import logging

from wijkregie.core.logging import NoPersonalDataFilter


def _record(msg, *args):
    return logging.LogRecord("django.server", logging.INFO, __file__, 1, msg, args, None)


def test_it_strips_query_strings_from_request_lines():
    record = _record('"%s" %s %s', "GET /sociale-kaart/?q=Jansen+999900006 HTTP/1.1", "200", "512")
    NoPersonalDataFilter().filter(record)
    message = record.getMessage()
    assert "Jansen" not in message and "999900006" not in message
    assert "/sociale-kaart/?…" in message


def test_it_drops_the_request_object_from_error_records():
    record = _record("Internal Server Error: %s", "/wijken/")
    record.request = object()
    NoPersonalDataFilter().filter(record)
    assert record.request is None
