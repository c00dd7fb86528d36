"""Alerts (national and departmental banners) and the operating status of gates and offices."""

from .alerts import Alert, AlertHide, Severity
from .gates import Gate, GateStatus, GateStatusChange

__all__ = ["Alert", "AlertHide", "Gate", "GateStatus", "GateStatusChange", "Severity"]
