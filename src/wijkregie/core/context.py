"""Per-request context that services need for the audit trail without taking the request."""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    bron: str = ""
    # The request itself, for its user: read lazily, because the context is set before
    # AuthenticationMiddleware has run. None outside a request (commands, tasks, direct calls).
    request: object = None
    # Audit writes that must outlive the view's transaction (refusals answered with a 404 from
    # inside an atomic block): RequestIdMiddleware runs them after the response. None outside a request.
    after_response: list[Callable[[], object]] | None = None

    @property
    def user(self):
        """The request's user, or None outside a request."""
        return getattr(self.request, "user", None) if self.request is not None else None


# The default is never changed: the middleware sets a fresh RequestContext per request (noqa: B039).
current = contextvars.ContextVar("wijkregie_request", default=RequestContext())  # noqa: B039


def run_after_response(write: Callable[[], object]) -> None:
    """Runs `write` after the response when inside a request, else at once (it opens its own transaction)."""
    pending = current.get().after_response
    if pending is None:
        write()
    else:
        pending.append(write)
