package io.billkit.application.service;

import io.billkit.application.port.out.CustomerStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;

/** Loading a customer the services need: the one lookup with the one NOT_FOUND message. */
final class Customers {
    private Customers() {
    }

    /** The customer {@code id}, or NOT_FOUND "customer &lt;id&gt; not found". */
    static Customer require(CustomerStore customers, CustomerId id) {
        return customers.find(id).orElseThrow(() ->
                new BillingException(ErrorCode.NOT_FOUND, "customer " + id + " not found"));
    }
}
