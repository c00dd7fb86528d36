"""Restructuring departments: rename, merge and split, from a plan, in one transaction.

`plan` reads and checks a plan, `operations` carries it out, `rules` says how the apps' rows
follow a merged department, `redirects` answers the old addresses, `views` is the platform
admins' screen (Settings → Restructure).
"""
