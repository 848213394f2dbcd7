package io.billkit.adapter.http;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;
import io.javalin.http.Context;

import java.util.Optional;

/**
 * Who a request acts for and as. On session routes the customer is the token's {@code customer} claim; the
 * query parameter {@code customerId} picks another customer, which only an admin may do (403 for a member,
 * unless it names the member's own customer). The {@link Actor} recorded in the audit log is the token's
 * subject or the API key's id, with the caller's IP and user agent.
 */
final class Callers {
    static final String CUSTOMER_PARAM = "customerId";

    private Callers() {
    }

    /** The customer a {@link Access#MEMBER}/{@link Access#ADMIN} request acts for. */
    static CustomerId customer(Context ctx) {
        AuthenticatedUser user = AccessControl.requireMember(ctx);
        Optional<CustomerId> asked = requestedCustomer(ctx);
        if (asked.isEmpty()) {
            return user.customer();
        }
        user.requireMayActFor(asked.get());
        return asked.get();
    }

    /** {@code ?customerId=} when given (400 naming it when malformed). */
    static Optional<CustomerId> requestedCustomer(Context ctx) {
        return QueryParams.text(ctx, CUSTOMER_PARAM).map(value -> parseCustomer(CUSTOMER_PARAM, value));
    }

    static CustomerId parseCustomer(String field, String value) {
        try {
            return CustomerId.of(value);
        } catch (BillingException e) {
            throw ApiProblem.invalidField(field, e.getMessage());
        }
    }

    /** The session user as audit actor. */
    static Actor user(Context ctx) {
        return actor(ctx, AccessControl.requireMember(ctx).subject());
    }

    /** The API key as audit actor. */
    static Actor apiKey(Context ctx) {
        return actor(ctx, AccessControl.requireApiKey(ctx).keyId());
    }

    static Actor actor(Context ctx, String subject) {
        String userAgent = ctx.userAgent();
        String ip = ctx.ip();
        return new Actor(subject, ip == null ? "" : ip, userAgent == null ? "" : userAgent);
    }
}
