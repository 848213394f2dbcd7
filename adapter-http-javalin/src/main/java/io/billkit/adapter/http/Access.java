package io.billkit.adapter.http;

/**
 * Who may call a route, checked before its handler runs.
 * <ul>
 *   <li>{@link #PUBLIC}: anyone (meta, health, metrics, OpenAPI; inbound webhooks, whose handler checks
 *       the provider's signature itself);</li>
 *   <li>{@link #MEMBER}: a valid session token of any role; the handler still checks that the user may act
 *       for the customer in the request ({@link AuthenticatedUser#requireMayActFor});</li>
 *   <li>{@link #ADMIN}: a valid session token with role {@code admin} (a member gets 403);</li>
 *   <li>{@link #API_KEY}: a valid, unrevoked API key ({@code X-Api-Key} or {@code Authorization: ApiKey ...});
 *       a key scoped to a customer may act only for it ({@link ApiKeyPrincipal#requireMayActFor}).</li>
 * </ul>
 */
enum Access {
    PUBLIC, MEMBER, ADMIN, API_KEY;

    boolean needsSession() {
        return this == MEMBER || this == ADMIN;
    }
}
