"""Per-request context that services need for the audit trail without taking the request."""

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    bron: str = ""


current = contextvars.ContextVar("wijkregie_request", default=RequestContext())
