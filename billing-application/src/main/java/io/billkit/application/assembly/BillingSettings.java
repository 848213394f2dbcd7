package io.billkit.application.assembly;

import io.billkit.application.service.ClosePeriodService;
import io.billkit.application.service.SellerProfile;
import io.billkit.domain.reconciliation.ReconciliationPolicy;

import java.util.List;
import java.util.Objects;

/**
 * The knobs of the use cases: who issues invoices, the period-close grace and batch size, and the
 * reconciliation tolerance and alert threshold.
 */
public record BillingSettings(SellerProfile seller, ClosePeriodService.Settings periodClose,
                              ReconciliationPolicy reconciliation) {
    public BillingSettings {
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(periodClose, "periodClose");
        Objects.requireNonNull(reconciliation, "reconciliation");
    }

    /** A demo seller, 1 h grace, batches of 100, 0.5 % tolerance and a USD 1,000 alert threshold. */
    public static BillingSettings defaults() {
        return new BillingSettings(SellerProfile.of("BillKit Demo Inc.", List.of("100 Market Street", "San Francisco, CA 94105"),
                "billing@billkit.example"), ClosePeriodService.Settings.defaults(), ReconciliationPolicy.defaults());
    }

    public BillingSettings withSeller(SellerProfile newSeller) {
        return new BillingSettings(newSeller, periodClose, reconciliation);
    }

    public BillingSettings withPeriodClose(ClosePeriodService.Settings settings) {
        return new BillingSettings(seller, settings, reconciliation);
    }
}
