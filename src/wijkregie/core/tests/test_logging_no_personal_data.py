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


def test_it_keeps_exception_messages_out_but_the_traceback_in():
    bsn = "999900006"
    try:
        raise ValueError(f"duplicate key value (bsn)=({bsn}) already exists")
    except ValueError:
        import sys

        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "fout", (), sys.exc_info())
    NoPersonalDataFilter().filter(record)
    formatted = logging.Formatter().format(record)
    assert "999900006" not in formatted
    assert "ValueError" in formatted and "test_logging_no_personal_data.py" in formatted


def test_it_handles_mapping_arguments():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%(path)s", ({"path": "/p/?q=Jansen"},), None)
    NoPersonalDataFilter().filter(record)
    assert record.getMessage() == "/p/?…"
