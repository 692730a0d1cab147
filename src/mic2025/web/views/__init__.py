"""Page models: rows the store and the evaluation engine returned, formatted in one language.

Only selection, ordering and formatting happen here; every number shown was produced
by ``mic2025.evaluate`` or read from the store.  Charts are the report's Vega-Lite
specs (``mic2025.report.charts``) rendered to inline SVG on the server, each with a
title and a description in the page's language (``views.charts``).

One module per page: ``home`` (the one-page dashboard), ``area`` (a province),
``indicator``, ``sources``, ``gaps`` (the data-gap register); ``common`` holds the names
and figures they share.
"""

from mic2025.web.views.area import area_page
from mic2025.web.views.common import Fmt
from mic2025.web.views.gaps import gap_rows
from mic2025.web.views.home import home
from mic2025.web.views.indicator import indicator_page
from mic2025.web.views.sources import source_rows

__all__ = ["Fmt", "area_page", "gap_rows", "home", "indicator_page", "source_rows"]
