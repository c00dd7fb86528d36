"""Sent after an import or a push wrote figures in bulk (bulk writes send no post_save), so
caches of what the figures feed (the API's response cache) can drop what they hold."""

from django.dispatch import Signal

#: sender: MonthlyFigure; `created` and `updated`: how many rows.
figures_saved = Signal()
