package io.billkit.adapter.postgres;

import io.billkit.domain.BillingException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed {@code DATABASE_URL}: the JDBC URL without credentials, plus user and password.
 * Accepts {@code postgresql://user:pass@host:port/db?params}, {@code postgres://...} (Heroku style,
 * percent-encoded credentials) and {@code jdbc:postgresql://host:port/db?user=..&password=..&params}
 * (credentials may also sit before the host). Other query parameters ({@code sslmode}, ...) are kept.
 */
record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

    DatabaseUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    static DatabaseUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        String raw = url.strip();
        String rest;
        if (raw.startsWith("jdbc:postgresql://")) {
            rest = raw.substring("jdbc:postgresql://".length());
        } else if (raw.startsWith("postgresql://")) {
            rest = raw.substring("postgresql://".length());
        } else if (raw.startsWith("postgres://")) {
            rest = raw.substring("postgres://".length());
        } else {
            throw BillingException.invalid(
                    "DATABASE_URL must start with postgresql://, postgres:// or jdbc:postgresql:// but was '" + redact(raw) + "'");
        }
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (URISyntaxException e) {
            throw BillingException.invalid("DATABASE_URL is not a valid URL: " + e.getReason());
        }
        BillingException.require(uri.getHost() != null && !uri.getHost().isEmpty(), "DATABASE_URL has no host");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        BillingException.require(path.length() > 1, "DATABASE_URL has no database name");

        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = Optional.of(decode(colon < 0 ? info : info.substring(0, colon))).filter(s -> !s.isEmpty());
            password = colon < 0 ? Optional.empty() : Optional.of(decode(info.substring(colon + 1)));
        }
        List<String> kept = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String param : uri.getRawQuery().split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                String name = eq < 0 ? param : param.substring(0, eq);
                String value = eq < 0 ? "" : decode(param.substring(eq + 1));
                if (name.equals("user")) {
                    user = Optional.of(value);
                } else if (name.equals("password")) {
                    password = Optional.of(value);
                } else {
                    kept.add(param);
                }
            }
        }
        String host = uri.getHost();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String query = kept.isEmpty() ? "" : "?" + String.join("&", kept);
        return new DatabaseUrl("jdbc:postgresql://" + host + port + path + query, user, password);
    }

    /** The same server and credentials, another database. */
    DatabaseUrl withDatabase(String database) {
        int schemeEnd = "jdbc:postgresql://".length();
        int slash = jdbcUrl.indexOf('/', schemeEnd);
        int query = jdbcUrl.indexOf('?', slash);
        String suffix = query < 0 ? "" : jdbcUrl.substring(query);
        return new DatabaseUrl(jdbcUrl.substring(0, slash + 1) + database + suffix, user, password);
    }

    /** The same server and database, another login. */
    DatabaseUrl withCredentials(String user, String password) {
        return new DatabaseUrl(jdbcUrl, Optional.of(user), Optional.of(password));
    }

    /** User and password (when given) as JDBC connection properties. */
    java.util.Properties credentials() {
        java.util.Properties properties = new java.util.Properties();
        user.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        return properties;
    }

    String userOrNull() {
        return user.orElse(null);
    }

    String passwordOrNull() {
        return password.orElse(null);
    }

    /** The JDBC URL and user, never the password (for logs). */
    @Override
    public String toString() {
        return jdbcUrl + user.map(u -> " as " + u).orElse("");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String redact(String s) {
        return s.replaceAll("//[^@/]*@", "//***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
