"""TEMPORARY re-export: the folding lives in `sites.text` (sites is below search).

Only `cms/api/writes.py` still imports it from here, and cms/api is being rewritten elsewhere;
delete this module at merge once it imports `sites.text`.
"""

from sites.text import ascii_slugify, fold_diacritics

__all__ = ["ascii_slugify", "fold_diacritics"]
