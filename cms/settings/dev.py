"""Development: the embedded default, with every department reachable as `<code>.localhost`.

Profile defaults are given to the environment before `base.py` reads it, so
every variable is still declared once (in base.py) and the environment wins.
"""

import os

for _name, _value in {
    "DEBUG": "true",
    "SECRET_KEY": "dev-only-insecure-key-change-me-in-production",
    "ALLOWED_HOSTS": "localhost,.localhost,127.0.0.1",
    # The demo logins (admin/admin) work without an authenticator app; OTP_ENFORCED=true shows it.
    "OTP_ENFORCED": "false",
    "API_VALIDATE_RESPONSES": "true",
}.items():
    os.environ.setdefault(_name, _value)

from .base import *  # noqa: E402, F403
