package io.billkit.adapter.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

import java.util.Map;

/**
 * The web console: plain HTML, CSS and JavaScript from this module's resources ({@code /console} on the
 * classpath), served under {@code /console/} with no build step. It talks to the JSON API with the session
 * cookie that {@link SessionRoutes} sets and echoes the CSRF cookie in {@link SessionTokens#CSRF_HEADER}.
 *
 * <p>Every file is sent with a strict Content-Security-Policy (scripts, styles and connections from this
 * origin only; no inline script; no framing), {@code nosniff}, no referrer and {@code Cache-Control: no-cache}
 * (revalidated through the ETag, so a new release is picked up at once).
 */
final class WebConsole {
    static final String PATH = "/console";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Cache-Control", "no-cache");

    private WebConsole() {
    }

    static void serve(JavalinConfig cfg) {
        cfg.staticFiles.add(files -> {
            files.hostedPath = PATH;
            files.directory = "/console";
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
        });
        // "/console" without the slash: relative asset URLs need the directory form
        cfg.routes.before(PATH, ctx -> {
            if (ctx.path().equals(PATH)) {
                ctx.redirect(PATH + "/");
                ctx.skipRemainingHandlers();
            }
        });
    }
}
