"""Sign-in security: lockout of repeated failed logins and a second factor for the admin.

Passwords are checked by Django's backends behind django-axes
(`cms.signin.lockout`): failures are counted per account and per client
address, each is recorded (axes' AccessAttempt and AccessFailureLog) and
logged, and past a limit the login answers the lockout page until the
cool-off has passed, whatever password is sent. A second factor (TOTP from an
authenticator app, or a single-use recovery code; django-otp) is required of
platform admins, department site admins and, with `OTP_REQUIRED_FOR_ALL`, of
everyone (`cms.signin.second_factor`); `SecondFactorMiddleware` keeps every
admin page closed to a session that has not given it.
"""
