vcl 4.1;

# The application (gunicorn); `make stack` and the tests write their own copy with their port.
backend portal {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

include "portal.vcl";
