package io.billkit.application.planted;

import io.billkit.adapter.stripe.StripeConfig;
import io.billkit.application.port.out.provider.PaymentProvider;
import io.billkit.bootstrap.BillKitApplication;

/**
 * Deliberately breaks the application rules (an adapter type, a bootstrap type, the whole payment provider in a use
 * case's place); only {@code PlantedViolationTest} imports it.
 */
public final class PlantedApplicationViolation {
    private final StripeConfig config;
    private final PaymentProvider provider;
    private final Class<?> app = BillKitApplication.class;

    public PlantedApplicationViolation(StripeConfig config, PaymentProvider provider) {
        this.config = config;
        this.provider = provider;
    }

    public String describe() {
        return config + " " + provider + " " + app;
    }
}
