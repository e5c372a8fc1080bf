# Varnish in front of nginx: the stack's entry point, http://127.0.0.1:8080/.
# Keeps only what the app marks public (Cache-Control s-maxage; varnishd runs with -t 0, so a response with
# no Cache-Control is not kept), is purged by Wagtail on publish, and never serves anything personal.
vcl 4.1;

backend nginx {
    .host = "127.0.0.1";
    .port = "8081";
    .connect_timeout = 2s;
    .first_byte_timeout = 40s;
}

# PURGE only from the loopback address the app servers and manage.py send it from.
acl purgers {
    "127.0.0.1";
    "::1";
}

# Fronts that may tell how and from where a reader connected: the TLS terminator or CDN in front of this
# Varnish. Loopback here; a front on another host is added by address (docs/operations.md, "Behind a TLS
# terminator or a CDN"), and to TRUSTED_PROXIES as well.
acl fronts {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Only a front may say that the reader came over HTTPS, and only a front's X-Forwarded-For names the
    # reader: anyone else connected here directly, over plain HTTP, from their own address. (Varnish has
    # already appended client.ip to X-Forwarded-For; nginx passes both headers on, and the app believes them
    # because nginx and Varnish are its TRUSTED_PROXIES.)
    if (client.ip !~ fronts) {
        set req.http.X-Forwarded-Proto = "http";
        set req.http.X-Forwarded-For = client.ip;
    } elsif (req.http.X-Forwarded-Proto != "https") {
        set req.http.X-Forwarded-Proto = "http";
    }
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE is accepted only from loopback"));
        }
        if (req.method == "BAN") {  # site settings or menus changed: every page goes
            ban("obj.status != 0");
            return (synth(200, "Banned"));
        }
        # A path goes with every query string it was fetched with: /articles/ takes /articles/?page=3 along.
        ban("obj.http.X-Url-Path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    # Tracking tags change nothing on a page: one cached copy serves every campaign link.
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid|msclkid|mc_cid|mc_eid)=") {
        set req.url = regsuball(req.url, "([?&])(utm_[a-z]+|fbclid|gclid|msclkid|mc_cid|mc_eid)=[^&]*", "\1");
        set req.url = regsuball(req.url, "&&+", "&");
        set req.url = regsub(req.url, "\?&", "?");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    # A Range header Varnish cannot parse is ignored, as HTTP says it may be: the whole answer is sent. (Left
    # in, Varnish refuses the app's answer to it and the reader gets a 503.)
    if (req.http.Range && req.http.Range !~ "^bytes=(\d*-\d*)(,\s*\d*-\d*)*$") {
        unset req.http.Range;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin and the counted redirect always reach the app.
    if (req.url ~ "^/admin(/|$|\?)" || req.url ~ "^/go/") {
        return (pass);
    }
    # A signed-in editor, or anyone holding a CSRF token or credentials, gets pages made for them alone.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    # Other cookies don't change a page: drop them so the page can be shared.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    # One site behind this Varnish: the URL alone names a page, so Wagtail's purges (sent with the site's
    # own hostname) match what readers fetched through any host name. Several sites would hash the host too.
    hash_data(req.url);
    # An HTTPS page and its plain-HTTP answer (a redirect to HTTPS when the app has SECURE_SSL_REDIRECT) are
    # kept apart, so neither is served for the other. Purges go by path and drop both.
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    # The path without its query string, for purges by path (see vcl_recv); removed again before delivery.
    set beresp.http.X-Url-Path = regsub(bereq.url, "\?.*$", "");
    # Never keep a response that sets a cookie (Varnish's built-in logic makes it uncacheable as well).
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    unset resp.http.X-Url-Path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_synth {
    set resp.http.X-Cache = "MISS";
    set resp.http.Age = "0";
}
