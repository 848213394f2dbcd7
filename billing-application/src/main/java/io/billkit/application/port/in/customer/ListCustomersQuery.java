package io.billkit.application.port.in.customer;

import io.billkit.domain.BillingException;

/**
 * A page of the customer list (operators).
 *
 * @param page  1-based page number
 * @param limit customers per page, 1..{@value #MAX_LIMIT}
 */
public record ListCustomersQuery(int page, int limit) {
    public static final int MAX_LIMIT = 100;

    public ListCustomersQuery {
        BillingException.require(page >= 1, "page must be at least 1 but was " + page);
        BillingException.require(limit >= 1 && limit <= MAX_LIMIT,
                "limit must be in 1.." + MAX_LIMIT + " but was " + limit);
        BillingException.require((long) (page - 1) * limit <= Integer.MAX_VALUE,
                "page " + page + " with limit " + limit + " is beyond any list");
    }

    /** Index of the page's first customer. */
    public int offset() {
        return (page - 1) * limit;
    }
}
