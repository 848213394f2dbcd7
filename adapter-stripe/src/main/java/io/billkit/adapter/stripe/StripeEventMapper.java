package io.billkit.adapter.stripe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.EventDataObjectDeserializer;
import com.stripe.model.Invoice;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import io.billkit.application.port.in.ProviderEvent;
import io.billkit.domain.BillingException;
import io.billkit.domain.money.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a verified Stripe {@link Event} into BillKit's flat {@link ProviderEvent}. Amounts in
 * {@code amount_minor} are BillKit minor units (ISO 4217 digits, as {@code Money.toMinor()}), converted from
 * Stripe's through {@link StripeAmounts}; currencies are lower-case like Stripe's.
 *
 * <p>stripe-java only deserializes the event's object on its own when the event's API version is of the SDK's
 * release; for other versions (and for events without {@code api_version}, where stripe-java 33.3.0's
 * {@code getObject()} throws a NullPointerException) this mapper calls {@code deserializeUnsafe()} on purpose: it only
 * reads fields that are stable across versions, and falls back to the raw JSON for the object id.
 */
final class StripeEventMapper {

    private static final Logger LOG = LoggerFactory.getLogger(StripeEventMapper.class);

    private final StripeMapping mapping;

    StripeEventMapper(StripeConfig config) {
        this.mapping = new StripeMapping(config);
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
        Map<String, String> data = new HashMap<>();
        StripeObject object = dataObject(event, deserializer);
        String type = event.getType();
        if (type.startsWith("invoice.") && object instanceof Invoice invoice) {
            invoice(invoice, data);
        } else if (type.startsWith("customer.subscription.") && object instanceof Subscription subscription) {
            subscription(subscription, data);
        } else if (type.startsWith("checkout.session.") && object instanceof Session session) {
            checkout(session, data);
        } else if (type.startsWith("charge.") && object instanceof Charge charge) {
            charge(charge, data);
        } else if (type.startsWith("payment_intent.") && object instanceof PaymentIntent intent) {
            paymentIntent(intent, data);
        }
        return new ProviderEvent(event.getId(), type, Instant.ofEpochSecond(event.getCreated()), objectId, data);
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

    private void invoice(Invoice invoice, Map<String, String> data) {
        put(data, ProviderEvent.CUSTOMER, invoice.getCustomer());
        put(data, ProviderEvent.INVOICE, invoice.getId());
        put(data, ProviderEvent.STATUS, invoice.getStatus());
        if (invoice.getParent() != null && invoice.getParent().getSubscriptionDetails() != null) {
            put(data, ProviderEvent.SUBSCRIPTION, invoice.getParent().getSubscriptionDetails().getSubscription());
        }
        amount(data, invoice.getTotal(), invoice.getCurrency());
    }

    private void subscription(Subscription subscription, Map<String, String> data) {
        put(data, ProviderEvent.CUSTOMER, subscription.getCustomer());
        put(data, ProviderEvent.SUBSCRIPTION, subscription.getId());
        put(data, ProviderEvent.STATUS, subscription.getStatus());
        SubscriptionItem item = StripeMapping.firstItem(subscription);
        String priceId = item != null && item.getPrice() != null ? item.getPrice().getId() : null;
        put(data, ProviderEvent.PLAN, mapping.planCode(priceId, subscription.getMetadata()));
        put(data, ProviderEvent.CANCEL_AT_PERIOD_END, Boolean.toString(Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd())));
    }

    private void checkout(Session session, Map<String, String> data) {
        put(data, ProviderEvent.CUSTOMER, session.getCustomer());
        put(data, ProviderEvent.SUBSCRIPTION, session.getSubscription());
        put(data, ProviderEvent.INVOICE, session.getInvoice());
        put(data, ProviderEvent.STATUS, session.getStatus());
        put(data, ProviderEvent.MODE, session.getMode());
        put(data, ProviderEvent.CLIENT_REFERENCE, session.getClientReferenceId());
        Map<String, String> metadata = session.getMetadata() == null ? Map.of() : session.getMetadata();
        put(data, ProviderEvent.CREDIT_PRODUCT, metadata.get(StripeMapping.CREDIT_PRODUCT_METADATA));
        put(data, ProviderEvent.PLAN, metadata.get(StripeMapping.PLAN_METADATA));
        amount(data, session.getAmountTotal(), session.getCurrency());
    }

    private void charge(Charge charge, Map<String, String> data) {
        put(data, ProviderEvent.CUSTOMER, charge.getCustomer());
        put(data, ProviderEvent.STATUS, charge.getStatus());
        // for charge.refunded the interesting amount is what was refunded
        Long amount = charge.getAmountRefunded() != null && charge.getAmountRefunded() > 0 ? charge.getAmountRefunded() : charge.getAmount();
        amount(data, amount, charge.getCurrency());
    }

    private void paymentIntent(PaymentIntent intent, Map<String, String> data) {
        put(data, ProviderEvent.CUSTOMER, intent.getCustomer());
        put(data, ProviderEvent.STATUS, intent.getStatus());
        if (intent.getMetadata() != null) {
            put(data, ProviderEvent.CREDIT_PRODUCT, intent.getMetadata().get(StripeMapping.CREDIT_PRODUCT_METADATA));
        }
        amount(data, intent.getAmount(), intent.getCurrency());
    }

    private static void amount(Map<String, String> data, Long stripeAmount, String currency) {
        if (stripeAmount == null || currency == null) {
            return;
        }
        Money money = StripeAmounts.fromStripe(stripeAmount, currency);
        data.put(ProviderEvent.AMOUNT_MINOR, Long.toString(money.toMinor()));
        data.put(ProviderEvent.CURRENCY, currency.toLowerCase(Locale.ROOT));
    }

    private static void put(Map<String, String> data, String key, String value) {
        if (value != null && !value.isEmpty()) {
            data.put(key, value);
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
