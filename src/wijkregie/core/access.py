"""Access: single objects are fetched through a visible_to queryset, and 'not yours' looks like 'not found'.

Visibility rules live in `*_visible_to(user)` selectors in each app (a queryset, never an `if` in a
view). This module only turns such a queryset into one object or a 404 (Zulip's access_*_by_id).
"""

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404


def get_visible_or_404(queryset: QuerySet, **lookup) -> Model:
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, ValidationError):
        # Same answer for "does not exist" and "exists but not yours": no probing for ids.
        raise Http404


def gemeente_of(user) -> int | None:
    """The tenant of a logged-in user; None for anonymous users and technical superusers."""
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "gemeente_id", None)
