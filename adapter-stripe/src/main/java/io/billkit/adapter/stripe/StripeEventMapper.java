package io.billkit.adapter.stripe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.EventDataObjectDeserializer;
import com.stripe.model.Invoice;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.out.provider.ProviderSubscriptionStatus;
import io.billkit.domain.BillingException;
import io.billkit.domain.money.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns a verified Stripe {@link Event} into one of BillKit's typed {@link ProviderEvent}s: Stripe's event types and
 * status words stop here. {@code invoice.payment_succeeded} is {@code InvoicePaid}, {@code invoice.payment_failed}
 * {@code PaymentFailed} (with {@code attempt_count}), {@code invoice.created|finalized} {@code InvoiceSynced},
 * {@code customer.subscription.created|updated} {@code SubscriptionChanged}, {@code .deleted}
 * {@code SubscriptionDeleted}, {@code .trial_will_end} {@code TrialWillEnd}, {@code checkout.session.completed}
 * {@code CheckoutCompleted}, {@code customer.updated} {@code CustomerUpdated}, {@code payment_intent.succeeded|
 * payment_failed} {@code PaymentSettled}, {@code charge.refunded} {@code ChargeRefunded} (with the charge's
 * {@code invoice} when its API version still has it, and its listed refunds); any other type is
 * {@code NotActedOn} (logged with its Stripe type). Amounts become {@link Money} through {@link StripeAmounts}.
 *
 * <p>stripe-java only deserializes the event's object on its own when the event's API version is of the SDK's
 * release; for other versions (and for events without {@code api_version}, where stripe-java 33.3.0's
 * {@code getObject()} throws a NullPointerException) this mapper calls {@code deserializeUnsafe()} on purpose: it only
 * reads fields that are stable across versions, and falls back to the raw JSON for the object id.
 */
final class StripeEventMapper {

    private static final Logger LOG = LoggerFactory.getLogger(StripeEventMapper.class);

    StripeEventMapper(StripeConfig config) {
        java.util.Objects.requireNonNull(config, "config");
    }

    ProviderEvent map(Event event) {
        if (event.getId() == null || event.getType() == null || event.getCreated() == null
                || !"event".equals(event.getObject()) || event.getData() == null) {
            throw BillingException.invalid("the signed webhook body is not a Stripe event (needs id, type, created, object=event, data)");
        }
        EventDataObjectDeserializer deserializer = event.getDataObjectDeserializer();
        String rawJson;
        try {
            rawJson = deserializer.getRawJson();
        } catch (NullPointerException e) {
            // found by StripeWebhookFuzzTest: without data.object stripe-java throws a NullPointerException (was a 500)
            throw BillingException.invalid("stripe event " + event.getId() + " has no data.object");
        }
        String objectId = rawString(rawJson, "id").orElseThrow(
                () -> BillingException.invalid("stripe event " + event.getId() + " has no data.object.id"));
        ProviderEvent.Meta meta = new ProviderEvent.Meta(event.getId(), StripeMapping.instant(event.getCreated(), "event created"), objectId);
        StripeObject object = dataObject(event, deserializer);
        Optional<String> customer = customerOf(object);
        ProviderEvent mapped = switch (event.getType()) {
            case "invoice.payment_succeeded" -> new ProviderEvent.InvoicePaid(meta, objectId, customer);
            case "invoice.payment_failed" -> new ProviderEvent.PaymentFailed(meta, objectId, customer, attempts(object));
            case "invoice.created", "invoice.finalized" -> new ProviderEvent.InvoiceSynced(meta, objectId, customer);
            case "customer.subscription.created", "customer.subscription.updated" -> subscriptionChanged(meta, object, customer);
            case "customer.subscription.deleted" -> new ProviderEvent.SubscriptionDeleted(meta, objectId, customer);
            case "customer.subscription.trial_will_end" -> new ProviderEvent.TrialWillEnd(meta, objectId, customer);
            case "checkout.session.completed" -> checkout(meta, object, customer);
            case "customer.updated" -> customerUpdated(meta, object);
            case "payment_intent.succeeded" -> payment(meta, object, customer, ProviderEvent.PaymentOutcome.SUCCEEDED);
            case "payment_intent.payment_failed" -> payment(meta, object, customer, ProviderEvent.PaymentOutcome.FAILED);
            case "charge.refunded" -> new ProviderEvent.ChargeRefunded(meta, customer, refunded(object),
                    rawString(rawJson, "invoice"), refunds(rawJson));
            default -> new ProviderEvent.NotActedOn(meta, customer);
        };
        if (mapped instanceof ProviderEvent.NotActedOn) {
            LOG.info("stripe event {} of type {} is not acted on", event.getId(), event.getType());
        }
        return mapped;
    }

    private static Optional<String> customerOf(StripeObject object) {
        String customer = null;
        if (object instanceof Invoice invoice) {
            customer = invoice.getCustomer();
        } else if (object instanceof Subscription subscription) {
            customer = subscription.getCustomer();
        } else if (object instanceof Session session) {
            customer = session.getCustomer();
        } else if (object instanceof Charge charge) {
            customer = charge.getCustomer();
        } else if (object instanceof PaymentIntent intent) {
            customer = intent.getCustomer();
        } else if (object instanceof Customer stripeCustomer) {
            customer = stripeCustomer.getId();
        }
        return nonEmpty(customer);
    }

    /** Stripe's {@code attempt_count} of a failed invoice payment, when it is there and positive. */
    private static OptionalInt attempts(StripeObject object) {
        if (object instanceof Invoice invoice && invoice.getAttemptCount() != null && invoice.getAttemptCount() > 0
                && invoice.getAttemptCount() <= Integer.MAX_VALUE) {
            return OptionalInt.of(invoice.getAttemptCount().intValue());
        }
        return OptionalInt.empty();
    }

    private static ProviderEvent subscriptionChanged(ProviderEvent.Meta meta, StripeObject object, Optional<String> customer) {
        if (object instanceof Subscription subscription) {
            return new ProviderEvent.SubscriptionChanged(meta, meta.objectId(), customer,
                    StripeMapping.subscriptionStatus(subscription.getStatus()),
                    Optional.ofNullable(subscription.getCancelAtPeriodEnd()));
        }
        return new ProviderEvent.SubscriptionChanged(meta, meta.objectId(), customer, ProviderSubscriptionStatus.OTHER,
                Optional.empty());
    }

    private static ProviderEvent checkout(ProviderEvent.Meta meta, StripeObject object, Optional<String> customer) {
        if (!(object instanceof Session session)) {
            return new ProviderEvent.CheckoutCompleted(meta, customer, ProviderEvent.CheckoutMode.OTHER, Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        Map<String, String> metadata = session.getMetadata() == null ? Map.of() : session.getMetadata();
        ProviderEvent.CheckoutMode mode = switch (session.getMode() == null ? "" : session.getMode()) {
            case "subscription" -> ProviderEvent.CheckoutMode.SUBSCRIPTION;
            case "payment" -> ProviderEvent.CheckoutMode.PAYMENT;
            case "setup" -> ProviderEvent.CheckoutMode.SETUP;
            default -> ProviderEvent.CheckoutMode.OTHER;
        };
        return new ProviderEvent.CheckoutCompleted(meta, customer, mode, nonEmpty(metadata.get(StripeMapping.PLAN_METADATA)),
                nonEmpty(session.getSubscription()), nonEmpty(metadata.get(StripeMapping.CREDIT_PRODUCT_METADATA)));
    }

    private static ProviderEvent customerUpdated(ProviderEvent.Meta meta, StripeObject object) {
        if (object instanceof Customer customer) {
            return new ProviderEvent.CustomerUpdated(meta, meta.objectId(), nonEmpty(customer.getName()),
                    nonEmpty(customer.getEmail()));
        }
        return new ProviderEvent.CustomerUpdated(meta, meta.objectId(), Optional.empty(), Optional.empty());
    }

    private static ProviderEvent payment(ProviderEvent.Meta meta, StripeObject object, Optional<String> customer,
                                         ProviderEvent.PaymentOutcome outcome) {
        if (object instanceof PaymentIntent intent) {
            Optional<String> product = intent.getMetadata() == null ? Optional.empty()
                    : nonEmpty(intent.getMetadata().get(StripeMapping.CREDIT_PRODUCT_METADATA));
            return new ProviderEvent.PaymentSettled(meta, customer, outcome, money(intent.getAmount(), intent.getCurrency()),
                    product);
        }
        return new ProviderEvent.PaymentSettled(meta, customer, outcome, Optional.empty(), Optional.empty());
    }

    /** For {@code charge.refunded} the interesting amount is what was refunded. */
    private static Optional<Money> refunded(StripeObject object) {
        if (!(object instanceof Charge charge)) {
            return Optional.empty();
        }
        Long amount = charge.getAmountRefunded() != null && charge.getAmountRefunded() > 0
                ? charge.getAmountRefunded() : charge.getAmount();
        return money(amount, charge.getCurrency());
    }

    /**
     * The refunds a {@code charge.refunded} event's charge lists ({@code refunds.data}: id, amount, currency and the
     * BillKit credit note in its metadata), read from the raw JSON so any API version's shape works; empty when the
     * event does not list them.
     */
    private static java.util.List<ProviderEvent.Refund> refunds(String rawJson) {
        java.util.List<ProviderEvent.Refund> refunds = new java.util.ArrayList<>();
        try {
            JsonElement refundsField = JsonParser.parseString(rawJson).getAsJsonObject().get("refunds");
            if (refundsField == null || !refundsField.isJsonObject() || !refundsField.getAsJsonObject().has("data")
                    || !refundsField.getAsJsonObject().get("data").isJsonArray()) {
                return refunds;
            }
            for (JsonElement element : refundsField.getAsJsonObject().getAsJsonArray("data")) {
                if (!element.isJsonObject()) {
                    continue;
                }
                JsonObject refund = element.getAsJsonObject();
                Optional<String> id = rawString(refund.toString(), "id");
                Optional<String> currency = rawString(refund.toString(), "currency");
                JsonElement amount = refund.get("amount");
                if (id.isEmpty() || currency.isEmpty() || amount == null || !amount.isJsonPrimitive()) {
                    continue;
                }
                Optional<String> creditNote = Optional.empty();
                JsonElement metadata = refund.get("metadata");
                if (metadata != null && metadata.isJsonObject()) {
                    creditNote = rawString(metadata.toString(), "billkit_credit_note_id");
                }
                String status = rawString(refund.toString(), "status").orElse("succeeded");
                if (status.equals("failed") || status.equals("canceled")) {
                    continue;
                }
                refunds.add(new ProviderEvent.Refund(id.get(), StripeAmounts.fromStripe(amount.getAsLong(), currency.get()),
                        creditNote));
            }
        } catch (RuntimeException e) {
            LOG.warn("charge.refunded: refunds not readable: {}", e.toString());
        }
        return refunds;
    }

    private static Optional<Money> money(Long stripeAmount, String currency) {
        if (stripeAmount == null || currency == null) {
            return Optional.empty();
        }
        return Optional.of(StripeAmounts.fromStripe(stripeAmount, currency));
    }

    private static Optional<String> nonEmpty(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }

    private static StripeObject dataObject(Event event, EventDataObjectDeserializer deserializer) {
        if (event.getApiVersion() != null) {
            try {
                Optional<StripeObject> sameRelease = deserializer.getObject();
                if (sameRelease.isPresent()) {
                    return sameRelease.get();
                }
            } catch (RuntimeException e) {
                LOG.debug("stripe event {}: getObject() failed: {}", event.getId(), e.toString());
            }
        }
        try {
            LOG.debug("stripe event {} has api_version {}; deserializing its object regardless", event.getId(), event.getApiVersion());
            return deserializer.deserializeUnsafe();
        } catch (Exception e) {
            LOG.warn("stripe event {} ({}): object not readable by stripe-java, mapped with its id only: {}",
                    event.getId(), event.getType(), e.toString());
            return null;
        }
    }

    private static Optional<String> rawString(String rawJson, String field) {
        if (rawJson == null) {
            return Optional.empty();
        }
        try {
            JsonElement parsed = JsonParser.parseString(rawJson);
            if (!parsed.isJsonObject()) {
                return Optional.empty();
            }
            JsonObject object = parsed.getAsJsonObject();
            JsonElement value = object.get(field);
            return value != null && value.isJsonPrimitive() ? Optional.of(value.getAsString()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
