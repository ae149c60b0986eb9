"""Background work of the monitor (django-tasks): the dashboards' default figures computed ahead, so
that the first reader of a wijk or team does not wait for the counting."""

from django_tasks import task

from wijkregie.core.models import Gemeente
from wijkregie.organisatie.models import Team, Wijk

from .computation import berekend
from .forms import standaard_periode
from .scope import Filter


def vooraf_berekenen(gemeente_slug: str | None = None) -> int:
    """The default period of every gemeente, wijk and team (what a dashboard opens with); returns how many."""
    van, tot = standaard_periode()
    n = 0
    gemeenten = Gemeente.objects.all() if gemeente_slug is None else Gemeente.objects.filter(slug=gemeente_slug)
    for gemeente in gemeenten:
        filters = [Filter(gemeente, van, tot)]
        filters += [Filter(gemeente, van, tot, wijk=w) for w in Wijk.objects.filter(gemeente=gemeente)]
        filters += [Filter(gemeente, van, tot, team=t) for t in Team.objects.filter(gemeente=gemeente)]
        for f in filters:
            berekend(f, vernieuwen=True)
        n += len(filters)
    return n


@task()
def monitor_vooraf_berekenen() -> int:
    return vooraf_berekenen()
