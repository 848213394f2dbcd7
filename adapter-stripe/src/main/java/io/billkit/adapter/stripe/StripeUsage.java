package io.billkit.adapter.stripe;

import com.stripe.model.billing.MeterEventSummary;
import com.stripe.net.RequestOptions;
import com.stripe.param.billing.MeterEventCreateParams;
import com.stripe.param.billing.MeterEventSummaryListParams;
import io.billkit.application.port.out.provider.ProviderUsage;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.MeterKey;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static io.billkit.adapter.stripe.StripeContext.keyed;

/**
 * Usage on Stripe Billing Meter Events ({@code event_name} = meter key, payload {@code stripe_customer_id} and
 * {@code value}, {@code identifier} = BillKit event id); totals are read back from the meter's event summaries, whose
 * time bounds Stripe wants on whole minutes.
 */
final class StripeUsage implements ProviderUsage {
    private final StripeContext s;

    StripeUsage(StripeContext context) {
        this.s = context;
    }

    /**
     * Sends a Billing Meter Event. Stripe dedupes on {@code identifier} (BillKit's event id, hashed when longer
     * than Stripe's 100 characters); the request's idempotency key is derived from it as well.
     */
    @Override
    public void recordUsage(String customerId, MeterKey meter, BigDecimal quantity, Instant at, String identifier) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(identifier, "identifier");
        BillingException.require(quantity.signum() >= 0, "usage quantity must not be negative but was " + quantity.toPlainString());
        BillingException.require(!identifier.isBlank(), "usage identifier must not be blank");
        String stripeIdentifier = identifier.length() <= 100 ? identifier : IdempotencyKeys.sha256(identifier);
        MeterEventCreateParams params = MeterEventCreateParams.builder()
                .setEventName(meter.value())
                .putPayload("stripe_customer_id", customerId)
                .putPayload("value", quantity.signum() == 0 ? "0" : quantity.stripTrailingZeros().toPlainString())
                .setIdentifier(stripeIdentifier)
                .setTimestamp(at.getEpochSecond())
                .build();
        RequestOptions options = keyed(IdempotencyKeys.derived("billing.meter_event", stripeIdentifier));
        s.calls().run("meter event", () -> s.stripe().v1().billing().meterEvents().create(params, options));
    }

    /** Sum of the meter's event summaries for the customer over {@code [from, to)}; both on whole minutes. */
    @Override
    public BigDecimal usage(String customerId, MeterKey meter, Instant from, Instant to) {
        Objects.requireNonNull(customerId, "customerId");
        requireWindow(from, to);
        return summaries(customerId, meter, from, to).stream()
                .map(MeterEventSummary::getAggregatedValue)
                .filter(Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private List<MeterEventSummary> summaries(String customerId, MeterKey meter, Instant from, Instant to) {
        String meterId = s.config().meterIdFor(meter);
        MeterEventSummaryListParams built = MeterEventSummaryListParams.builder()
                .setCustomer(customerId)
                .setStartTime(from.getEpochSecond())
                .setEndTime(to.getEpochSecond())
                .setLimit(100L)
                .build();
        return s.calls().run("meter event summaries", () -> {
            List<MeterEventSummary> result = new ArrayList<>();
            for (MeterEventSummary summary : s.stripe().v1().billing().meters().eventSummaries().list(meterId, built).autoPagingIterable()) {
                result.add(summary);
            }
            return result;
        });
    }

    private static void requireWindow(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        BillingException.require(from.isBefore(to), "usage window must have from < to but was [" + from + ", " + to + ")");
        BillingException.require(from.truncatedTo(ChronoUnit.MINUTES).equals(from) && to.truncatedTo(ChronoUnit.MINUTES).equals(to),
                "stripe meter summaries need whole-minute bounds but got [" + from + ", " + to + ")");
    }
}
