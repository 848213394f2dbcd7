package io.billkit.adapter.stripe;

import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import io.billkit.application.port.out.provider.ProviderCustomer;
import io.billkit.application.port.out.provider.ProviderInvoice;
import io.billkit.application.port.out.provider.ProviderPaymentMethod;
import io.billkit.application.port.out.provider.ProviderSubscription;
import io.billkit.domain.catalog.PlanCode;

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

    static Optional<String> defaultPaymentMethod(Customer customer) {
        return Optional.ofNullable(customer.getInvoiceSettings()).map(Customer.InvoiceSettings::getDefaultPaymentMethod);
    }

    static ProviderPaymentMethod paymentMethod(PaymentMethod method, String customerId, Optional<String> defaultMethod) {
        String brand;
        String last4;
        if (method.getCard() != null) {
            brand = method.getCard().getBrand();
            last4 = method.getCard().getLast4();
        } else if (method.getSepaDebit() != null) {
            brand = "sepa_debit";
            last4 = method.getSepaDebit().getLast4();
        } else if (method.getUsBankAccount() != null) {
            brand = "us_bank_account";
            last4 = method.getUsBankAccount().getLast4();
        } else {
            brand = method.getType();
            last4 = "";
        }
        String owner = method.getCustomer() != null ? method.getCustomer() : customerId;
        return new ProviderPaymentMethod(method.getId(), owner, orEmpty(brand), orEmpty(last4),
                defaultMethod.filter(method.getId()::equals).isPresent());
    }

    ProviderSubscription subscription(Subscription subscription) {
        SubscriptionItem item = firstItem(subscription);
        String priceId = item != null && item.getPrice() != null ? item.getPrice().getId() : null;
        Long start = item != null && item.getCurrentPeriodStart() != null ? item.getCurrentPeriodStart() : subscription.getStartDate();
        Long end = item != null && item.getCurrentPeriodEnd() != null ? item.getCurrentPeriodEnd() : start;
        return new ProviderSubscription(subscription.getId(), subscription.getCustomer(), planCode(priceId, subscription.getMetadata()),
                subscription.getStatus(), instant(start), instant(end), Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()));
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
        return new ProviderInvoice(invoice.getId(), invoice.getCustomer(), invoice.getStatus(),
                StripeAmounts.fromStripe(orZero(invoice.getTotal()), currency),
                StripeAmounts.fromStripe(orZero(remaining), currency),
                StripeAmounts.fromStripe(orZero(invoice.getAmountPaid()), currency),
                orEmpty(invoice.getHostedInvoiceUrl()));
    }

    static Instant instant(Long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds == null ? 0L : epochSeconds);
    }

    private static long orZero(Long value) {
        return value == null ? 0L : value;
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
