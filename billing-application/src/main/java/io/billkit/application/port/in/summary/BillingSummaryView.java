package io.billkit.application.port.in.summary;

import io.billkit.application.port.in.credit.CreditBalanceView;
import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.application.port.in.usage.MeterUsageView;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The billing overview of a customer: plan, month-to-date spend, usage by meter, the upcoming invoice
 * and credits.
 *
 * @param monthToDateSpend what the current period would bill now (base fee + overage, before tax)
 */
public record BillingSummaryView(CustomerId customer, Optional<SubscriptionView> subscription, Money monthToDateSpend, List<MeterUsageView> usage, Optional<InvoicePreview> upcomingInvoice, CreditBalanceView credits) {
    public BillingSummaryView {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(monthToDateSpend, "monthToDateSpend");
        usage = List.copyOf(Objects.requireNonNull(usage, "usage"));
        Objects.requireNonNull(upcomingInvoice, "upcomingInvoice");
        Objects.requireNonNull(credits, "credits");
    }
}
