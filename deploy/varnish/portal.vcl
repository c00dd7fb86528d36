# The portal's caching rules for Varnish 7 (included by default.vcl after its backend).
#
# What may be kept is the application's answer (sites/edge.py): `Surrogate-Control: max-age=N`
# on an anonymous, cookie-less, CSRF-less public answer, with its `Surrogate-Key`s (`all`,
# `d<department>`, `p<page>`, `national`). Everything else passes. A change sends
#     BAN / with X-Ban-Keys: d3|p45
# from 127.0.0.1 (sites.edge.purge): every object carrying one of the keys is dropped, and
# nothing else (the ban only reads obj.*, so the ban lurker clears it in the background).

import std;

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.http.X-Ban-Keys !~ "^[a-z0-9]+(\|[a-z0-9]+)*$") {
            return (synth(400, "X-Ban-Keys: key|key|..."));
        }
        ban("obj.http.x-keys ~ ,(" + req.http.X-Ban-Keys + "),");
        return (synth(200, "Banned"));
    }
    # The application never trusts these from outside.
    unset req.http.Surrogate-Capability;
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin (and its previews), document downloads (private ones are checked per request).
    if (req.url ~ "^/(admin|documents|django-admin)(/|\?|$)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # Logged-in people (the session cookie) are never served from, nor stored in, the cache.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # No other cookie changes an anonymous answer (the CSRF cookie, analytics): dropped, so a
    # form page gets a fresh token (its answer sets a cookie and is never kept).
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Surrogate-Control ~ "max-age=[0-9]+" && !beresp.http.Set-Cookie
            && beresp.http.Cache-Control !~ "(private|no-store|no-cache)") {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, ".*max-age=([0-9]+).*", "\1") + "s", 0s);
        set beresp.grace = 10s;
        set beresp.http.x-keys = "," + regsuball(beresp.http.Surrogate-Key, " +", ",") + ",";
        unset beresp.http.Surrogate-Control;
        unset beresp.http.Surrogate-Key;
        return (deliver);
    }
    # Anything else: never stored; the next request goes to the application again.
    set beresp.uncacheable = true;
    set beresp.ttl = 60s;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-keys;
    unset resp.http.Surrogate-Key;
    unset resp.http.Surrogate-Control;
    if (obj.hits > 0) {
        set resp.http.X-Proxy-Cache = "hit";
    } else {
        set resp.http.X-Proxy-Cache = "miss";
    }
}
