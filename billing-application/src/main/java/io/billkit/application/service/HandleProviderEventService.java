package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.in.provider.HandleProviderEventUseCase;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.CreditNoteStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.DunningStore;
import io.billkit.application.port.out.InvoicePaymentFailures;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.ProviderEventCursor;
import io.billkit.application.port.out.ProviderEventInbox;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.service.ProviderEventHandler.Outcome;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.dunning.DunningPolicy;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a verified payment-provider event exactly once: a small dispatcher over one {@link ProviderEventHandler}
 * per {@link ProviderEvent} record. Everything happens in ONE transaction: the inbox mark
 * ({@link ProviderEventInbox#markReceived}; already marked = {@link ProviderEventResult#DUPLICATE}), the handler's
 * effect and outbox event, and the audit entry ({@code provider.event}, with the event's kind and the result), so
 * effect and mark commit (or roll back) together and a redelivery after a rollback is handled again.
 *
 * <p>Where each event's job lives: {@link InvoicePaidHandler}, {@link PaymentFailedHandler} (failed-payment count kept
 * in {@link InvoicePaymentFailures}), {@link InvoiceSyncedHandler}, {@link SubscriptionChangedHandler},
 * {@link SubscriptionDeletedHandler}, {@link TrialWillEndHandler}, {@link CheckoutCompletedHandler},
 * {@link CustomerUpdatedHandler}, {@link PaymentSettledHandler}, {@link ChargeRefundedHandler} (credit notes for refunds
 * made at the provider; audit only without a credit note store); events BillKit does not act on are recorded only
 * (IGNORED). Ordering: per provider object a {@link ProviderEventCursor} keeps the creation time of the
 * newest event applied; an older event is STALE and changes nothing (recorded in the audit).
 */
public final class HandleProviderEventService implements HandleProviderEventUseCase {
    static final Actor PROVIDER = Actor.of("provider");
    private static final String AUDIT_ACTION = "provider.event";

    private final ProviderEventInbox inbox;
    private final ProviderObjects objects;
    private final AuditTrail audit;
    private final Transactions tx;
    private final Clock clock;
    private final Map<Class<?>, ProviderEventHandler<?>> handlers = new HashMap<>();

    /** A service that records refunds in the audit only (no credit note store). */
    public HandleProviderEventService(ProviderEventInbox inbox, ProviderEventCursor cursor, CustomerStore customers,
                                      SubscriptionStore subscriptions, InvoiceStore invoices, CreditLedgerStore ledgers,
                                      ProviderReferenceStore references, InvoicePaymentFailures paymentFailures,
                                      Catalog catalog, Outbox outbox, AuditTrail audit, Transactions tx, Clock clock,
                                      DunningStore dunningStore, DunningPolicy defaultDunning) {
        this(inbox, cursor, customers, subscriptions, invoices, ledgers, references, paymentFailures, catalog, outbox,
                audit, tx, clock, dunningStore, defaultDunning, null);
    }

    /** A service whose refunds made at the provider become credit notes in {@code creditNotes} (may be null). */
    public HandleProviderEventService(ProviderEventInbox inbox, ProviderEventCursor cursor, CustomerStore customers,
                                      SubscriptionStore subscriptions, InvoiceStore invoices, CreditLedgerStore ledgers,
                                      ProviderReferenceStore references, InvoicePaymentFailures paymentFailures,
                                      Catalog catalog, Outbox outbox, AuditTrail audit, Transactions tx, Clock clock,
                                      DunningStore dunningStore, DunningPolicy defaultDunning, CreditNoteStore creditNotes) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ledgers, "ledgers");
        Objects.requireNonNull(paymentFailures, "paymentFailures");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(outbox, "outbox");
        this.objects = new ProviderObjects(customers, subscriptions, invoices, references, cursor);
        DunningCases dunning = new DunningCases(dunningStore, subscriptions, invoices, catalog, defaultDunning, outbox, audit);
        SubscriptionOpener opener = new SubscriptionOpener(subscriptions, ledgers, references, outbox, audit);
        on(ProviderEvent.InvoicePaid.class, new InvoicePaidHandler(objects, outbox, dunning));
        on(ProviderEvent.PaymentFailed.class, new PaymentFailedHandler(objects, paymentFailures, outbox, dunning));
        on(ProviderEvent.InvoiceSynced.class, new InvoiceSyncedHandler(objects));
        on(ProviderEvent.SubscriptionChanged.class, new SubscriptionChangedHandler(objects, outbox));
        on(ProviderEvent.SubscriptionDeleted.class, new SubscriptionDeletedHandler(objects, outbox));
        on(ProviderEvent.TrialWillEnd.class, new TrialWillEndHandler(objects, outbox));
        on(ProviderEvent.CheckoutCompleted.class, new CheckoutCompletedHandler(objects, ledgers, catalog, outbox, opener));
        on(ProviderEvent.CustomerUpdated.class, new CustomerUpdatedHandler(objects));
        on(ProviderEvent.PaymentSettled.class, new PaymentSettledHandler(objects, outbox));
        if (creditNotes == null) {
            on(ProviderEvent.ChargeRefunded.class, (event, now) ->
                    Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "audited only"));
        } else {
            on(ProviderEvent.ChargeRefunded.class, new ChargeRefundedHandler(objects, creditNotes, outbox));
        }
        on(ProviderEvent.NotActedOn.class, (event, now) ->
                Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "type not handled"));
        for (Class<?> kind : ProviderEvent.class.getPermittedSubclasses()) {
            if (!handlers.containsKey(kind)) {
                throw new IllegalStateException("no handler for provider event " + kind.getSimpleName());
            }
        }
    }

    private <E extends ProviderEvent> void on(Class<E> kind, ProviderEventHandler<E> handler) {
        handlers.put(kind, handler);
    }

    @Override
    public ProviderEventResult handle(ProviderEvent event) {
        Objects.requireNonNull(event, "event");
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            if (!inbox.markReceived(event.id(), event.kind(), event.createdAt(), now)) {
                return ProviderEventResult.DUPLICATE;
            }
            Outcome outcome = dispatch(event, now);
            if (outcome.result() == ProviderEventResult.APPLIED) {
                inbox.markProcessed(event.id(), now);
            }
            Map<String, String> data = new HashMap<>(outcome.details());
            data.put("eventId", event.id());
            data.put("type", event.kind());
            data.put("objectId", event.objectId());
            data.put("providerCreatedAt", event.createdAt().toString());
            data.put("result", outcome.result().name());
            Optional<CustomerId> customer = outcome.customer().or(() -> objects.customer(event.providerCustomer()));
            if (customer.isPresent()) {
                audit.record(PROVIDER, AUDIT_ACTION, customer.get(), data);
            } else {
                audit.recordSystemWide(PROVIDER, AUDIT_ACTION, data);
            }
            return outcome.result();
        });
    }

    @SuppressWarnings("unchecked")
    private <E extends ProviderEvent> Outcome dispatch(E event, Instant now) {
        ProviderEventHandler<E> handler = (ProviderEventHandler<E>) handlers.get(event.getClass());
        return handler.apply(event, now);
    }
}
