package io.billkit.adapter.stripe;

import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import io.billkit.application.port.out.provider.ProviderCustomer;
import io.billkit.application.port.out.provider.ProviderInvoice;
import io.billkit.application.port.out.provider.ProviderInvoiceStatus;
import io.billkit.application.port.out.provider.ProviderSubscription;
import io.billkit.application.port.out.provider.ProviderSubscriptionStatus;
import io.billkit.domain.catalog.PlanCode;

import io.billkit.domain.BillingException;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Stripe objects (as parsed by stripe-java) to the port's records. */
final class StripeMapping {

    /** Metadata key holding the BillKit plan code on subscriptions and checkout sessions. */
    static final String PLAN_METADATA = "billkit_plan";
    /** Metadata key holding the BillKit credit product code on credit-pack checkouts. */
    static final String CREDIT_PRODUCT_METADATA = "credit_product";
    /** Metadata key holding BillKit's own customer id on Stripe customers. */
    static final String CUSTOMER_METADATA = "billkit_customer_id";

    private final StripeConfig config;

    StripeMapping(StripeConfig config) {
        this.config = config;
    }

    static ProviderCustomer customer(Customer customer) {
        return new ProviderCustomer(customer.getId(), orEmpty(customer.getName()), orEmpty(customer.getEmail()));
    }

    ProviderSubscription subscription(Subscription subscription) {
        SubscriptionItem item = firstItem(subscription);
        String priceId = item != null && item.getPrice() != null ? item.getPrice().getId() : null;
        Long start = item != null && item.getCurrentPeriodStart() != null ? item.getCurrentPeriodStart() : subscription.getStartDate();
        Long end = item != null && item.getCurrentPeriodEnd() != null ? item.getCurrentPeriodEnd() : start;
        return new ProviderSubscription(subscription.getId(), subscription.getCustomer(), planCode(priceId, subscription.getMetadata()),
                subscriptionStatus(subscription.getStatus()), instant(start), instant(end), Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()));
    }

    /**
     * The BillKit plan of a Stripe price: from the configured price map, else the subscription's
     * {@code billkit_plan} metadata, else the Stripe price id itself (a price BillKit does not know).
     */
    String planCode(String priceId, Map<String, String> metadata) {
        Optional<String> fromPrice = config.planForPrice(priceId).map(PlanCode::value);
        if (fromPrice.isPresent()) {
            return fromPrice.get();
        }
        if (metadata != null && metadata.get(PLAN_METADATA) != null) {
            return metadata.get(PLAN_METADATA);
        }
        return priceId == null ? "" : priceId;
    }

    static SubscriptionItem firstItem(Subscription subscription) {
        if (subscription.getItems() == null || subscription.getItems().getData() == null
                || subscription.getItems().getData().isEmpty()) {
            return null;
        }
        return subscription.getItems().getData().get(0);
    }

    /**
     * Stripe keeps {@code amount_due} at the invoiced amount after payment; what is still owed is
     * {@code amount_remaining}, and nothing is owed on a void invoice.
     */
    static ProviderInvoice invoice(Invoice invoice) {
        String currency = invoice.getCurrency();
        Long remaining = invoice.getAmountRemaining() != null ? invoice.getAmountRemaining() : invoice.getAmountDue();
        if ("void".equals(invoice.getStatus())) {
            remaining = 0L;
        }
        return new ProviderInvoice(invoice.getId(), invoice.getCustomer(), invoiceStatus(invoice.getStatus()),
                StripeAmounts.fromStripe(orZero(invoice.getTotal()), currency),
                StripeAmounts.fromStripe(orZero(remaining), currency),
                StripeAmounts.fromStripe(orZero(invoice.getAmountPaid()), currency),
                orEmpty(invoice.getHostedInvoiceUrl()));
    }

    /** Stripe's subscription status word as BillKit's enum; a word BillKit does not know is {@code OTHER}. */
    static ProviderSubscriptionStatus subscriptionStatus(String status) {
        if (status == null) {
            return ProviderSubscriptionStatus.OTHER;
        }
        return switch (status) {
            case "trialing" -> ProviderSubscriptionStatus.TRIALING;
            case "active" -> ProviderSubscriptionStatus.ACTIVE;
            case "past_due" -> ProviderSubscriptionStatus.PAST_DUE;
            case "unpaid" -> ProviderSubscriptionStatus.UNPAID;
            case "paused" -> ProviderSubscriptionStatus.PAUSED;
            case "incomplete" -> ProviderSubscriptionStatus.INCOMPLETE;
            case "incomplete_expired" -> ProviderSubscriptionStatus.INCOMPLETE_EXPIRED;
            case "canceled" -> ProviderSubscriptionStatus.CANCELED;
            default -> ProviderSubscriptionStatus.OTHER;
        };
    }

    /** Stripe's invoice status word as BillKit's enum; none (an invoice being created) is {@code DRAFT}. */
    static ProviderInvoiceStatus invoiceStatus(String status) {
        if (status == null) {
            return ProviderInvoiceStatus.DRAFT;
        }
        return switch (status) {
            case "open" -> ProviderInvoiceStatus.OPEN;
            case "paid" -> ProviderInvoiceStatus.PAID;
            case "void" -> ProviderInvoiceStatus.VOID;
            case "uncollectible" -> ProviderInvoiceStatus.UNCOLLECTIBLE;
            default -> ProviderInvoiceStatus.DRAFT;
        };
    }

    /** The last second Stripe (and PostgreSQL's timestamptz, and ISO-8601 without an expanded year) can carry: 9999-12-31T23:59:59Z. */
    static final long LAST_EPOCH_SECOND = 253_402_300_799L;

    /** Stripe's epoch seconds as an instant; none is the epoch. */
    static Instant instant(Long epochSeconds) {
        return epochSeconds == null ? Instant.EPOCH : instant(epochSeconds, "timestamp");
    }

    /**
     * Epoch seconds from a Stripe body as an instant, refused (400) outside 1970..9999: found by StripeWebhookFuzzTest,
     * a signed event with {@code "created": 99999999999999999} threw {@code DateTimeException} (a 500).
     */
    static Instant instant(long epochSeconds, String field) {
        if (epochSeconds < 0 || epochSeconds > LAST_EPOCH_SECOND) {
            throw BillingException.invalid("stripe " + field + " " + epochSeconds + " is outside 1970-01-01..9999-12-31");
        }
        return Instant.ofEpochSecond(epochSeconds);
    }

    private static long orZero(Long value) {
        return value == null ? 0L : value;
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
