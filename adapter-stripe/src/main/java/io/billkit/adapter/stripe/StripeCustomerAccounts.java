package io.billkit.adapter.stripe;

import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import io.billkit.application.port.out.provider.ProviderCustomer;
import io.billkit.application.port.out.provider.ProviderCustomerAccounts;

import java.util.Objects;

import static io.billkit.adapter.stripe.StripeContext.keyed;

/** Stripe customers; BillKit's own id rides in the {@code billkit_customer_id} metadata. */
final class StripeCustomerAccounts implements ProviderCustomerAccounts {
    private final StripeContext s;

    StripeCustomerAccounts(StripeContext context) {
        this.s = context;
    }

    @Override
    public ProviderCustomer createCustomer(String localCustomerId, String name, String email, String idempotencyKey) {
        Objects.requireNonNull(localCustomerId, "localCustomerId");
        CustomerCreateParams params = CustomerCreateParams.builder()
                .setName(name)
                .setEmail(email)
                .putMetadata(StripeMapping.CUSTOMER_METADATA, localCustomerId)
                .build();
        RequestOptions options = keyed(IdempotencyKeys.of("customer.create", idempotencyKey));
        return StripeMapping.customer(s.calls().run("customer create", () -> s.stripe().v1().customers().create(params, options)));
    }

    @Override
    public ProviderCustomer updateCustomer(String customerId, String name, String email, String idempotencyKey) {
        Objects.requireNonNull(customerId, "customerId");
        CustomerUpdateParams params = CustomerUpdateParams.builder().setName(name).setEmail(email).build();
        RequestOptions options = keyed(IdempotencyKeys.of("customer.update", idempotencyKey));
        return StripeMapping.customer(s.calls().run("customer update",
                () -> s.stripe().v1().customers().update(customerId, params, options)));
    }
}
