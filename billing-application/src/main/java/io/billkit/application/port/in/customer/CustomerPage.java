package io.billkit.application.port.in.customer;

import java.util.List;
import java.util.Objects;

/**
 * One page of customers, ordered by id.
 *
 * @param total customers in all pages
 */
public record CustomerPage(List<CustomerOverview> items, int page, int limit, long total) {
    public CustomerPage {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }
}
