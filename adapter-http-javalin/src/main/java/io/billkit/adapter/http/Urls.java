package io.billkit.adapter.http;

import java.net.URI;
import java.net.URISyntaxException;

/** Validation of redirect URLs that callers hand to the payment provider (checkout, portal). */
final class Urls {
    private Urls() {
    }

    /** {@code value} when it is an absolute http(s) URL, else a 400 naming {@code field}. */
    static String absoluteHttp(String value, String field) {
        TextBounds.check(JsonBody.requiredText(value, field), field, TextBounds.URL);
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                return value;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw ApiProblem.invalidField(field, field + " must be an absolute http(s) URL but was '" + LogText.preview(value) + "'");
    }
}
