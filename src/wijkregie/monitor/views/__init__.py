"""Monitor pages, one module per job: dashboards, exports (files), survey (the cliëntervaring).
Thin: the figures come from `computation` through `inhoud`, who-sees-what from `selectors`, the drawing
from `presentation` and `charts`."""

from .dashboards import definities, nulmeting, overzicht, start_paneel, team, wijk
from .exports import export, onderzoek, rapport
from .survey import ervaring, ervaringen, uitnodiging

__all__ = ["definities", "ervaring", "ervaringen", "export", "nulmeting", "onderzoek", "overzicht", "rapport",
           "start_paneel", "team", "uitnodiging", "wijk"]
