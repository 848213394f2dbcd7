package io.billkit.application.service;

import io.billkit.application.port.in.ProviderEvent.CustomerUpdated;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.domain.customer.Customer;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link CustomerUpdated}: a name or e-mail the customer changed at the provider (e.g. in the hosted portal) is taken
 * into the local customer, so invoices and e-mails use it. The same values (an echo of BillKit's own upsert) change
 * nothing (IGNORED); a blank name is not taken.
 */
final class CustomerUpdatedHandler implements ProviderEventHandler<CustomerUpdated> {
    private final ProviderObjects objects;

    CustomerUpdatedHandler(ProviderObjects objects) {
        this.objects = objects;
    }

    @Override
    public Outcome apply(CustomerUpdated event, Instant now) {
        Optional<Customer> found = objects.customer(event.providerCustomer()).flatMap(objects.customers::find);
        if (found.isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "unknown customer");
        }
        Customer customer = found.get();
        String name = event.name().filter(n -> !n.isBlank()).orElse(customer.name());
        String email = event.email().orElse(customer.email());
        if (name.equals(customer.name()) && email.equals(customer.email())) {
            return Outcome.of(ProviderEventResult.IGNORED, Optional.of(customer.id()), "customer already in step");
        }
        objects.customers.save(new Customer(customer.id(), name, email, customer.timeZone(), customer.taxRate(),
                customer.paymentTermsDays(), customer.address(), customer.taxId()));
        Map<String, String> details = new HashMap<>();
        details.put("name", name);
        details.put("email", email);
        return Outcome.applied(customer.id(), details);
    }
}
