package io.billkit.application.inmemory;

import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.out.provider.ProviderInvoice;
import io.billkit.application.port.out.provider.ProviderInvoiceItem;
import io.billkit.application.port.out.provider.ProviderInvoiceStatus;
import io.billkit.application.port.out.provider.ProviderInvoices;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.money.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The mock provider's invoices; paying one emits the payment event a webhook would carry. */
final class MockInvoices implements ProviderInvoices {
    private final MockProviderState state;
    private final Map<String, ProviderInvoice> invoices = new LinkedHashMap<>();
    private final Map<String, Integer> failedAttempts = new HashMap<>();

    MockInvoices(MockProviderState state) {
        this.state = state;
    }

    List<ProviderInvoice> all() {
        synchronized (state) {
            return List.copyOf(invoices.values());
        }
    }

    Optional<ProviderInvoice> find(String invoiceId) {
        synchronized (state) {
            return Optional.ofNullable(invoices.get(invoiceId));
        }
    }

    @Override
    public ProviderInvoice createInvoice(String customerId, List<ProviderInvoiceItem> items, LocalDate dueDate,
                                         Map<String, String> metadata, String idempotencyKey) {
        List<String> args = new ArrayList<>(List.of(customerId, dueDate.toString()));
        items.forEach(item -> args.add(item.description() + "=" + item.amount()));
        synchronized (state) {
            return state.idempotent("createInvoice", idempotencyKey, args, () -> {
                state.requireCustomer(customerId);
                BillingException.require(!items.isEmpty(), "an invoice needs at least one item");
                Money total = items.stream().map(ProviderInvoiceItem::amount).reduce(Money::plus).orElseThrow();
                ProviderInvoice invoice = new ProviderInvoice(state.id("in"), customerId, ProviderInvoiceStatus.OPEN,
                        total, total, Money.zero(total.currency()), "https://invoice.mock.billkit/" + state.lastSequence());
                invoices.put(invoice.id(), invoice);
                return invoice;
            });
        }
    }

    /**
     * Pays an open invoice with the customer's default payment method and emits the payment's success, or its
     * failure when told to decline. A replay of the same idempotency key returns the first result and emits nothing.
     */
    @Override
    public ProviderInvoice payInvoice(String invoiceId, String idempotencyKey) {
        ProviderInvoice paid = null;
        ProviderEvent event = null;
        BillingException failure = null;
        synchronized (state) {
            boolean replay = state.seen(idempotencyKey);
            try {
                paid = state.idempotent("payInvoice", idempotencyKey, List.of(invoiceId), () -> {
                    ProviderInvoice invoice = MockProviderState.require(invoices.get(invoiceId), "invoice", invoiceId);
                    if (invoice.status() != ProviderInvoiceStatus.OPEN) {
                        throw new BillingException(ErrorCode.ILLEGAL_TRANSITION, "invoice " + invoiceId + " is " + invoice.status());
                    }
                    state.declinePaymentIfTold();
                    ProviderInvoice updated = new ProviderInvoice(invoice.id(), invoice.customerId(), ProviderInvoiceStatus.PAID,
                            invoice.total(), Money.zero(invoice.total().currency()), invoice.total(), invoice.hostedUrl());
                    invoices.put(invoiceId, updated);
                    return updated;
                });
                if (!replay) {
                    event = new ProviderEvent.InvoicePaid(state.meta(invoiceId), invoiceId, Optional.of(paid.customerId()));
                }
            } catch (BillingException e) {
                failure = e;
                ProviderInvoice invoice = invoices.get(invoiceId);
                if (e.code() == ErrorCode.PAYMENT_FAILED && invoice != null) {
                    int attempts = failedAttempts.merge(invoiceId, 1, Integer::sum);
                    event = new ProviderEvent.PaymentFailed(state.meta(invoiceId), invoiceId,
                            Optional.of(invoice.customerId()), OptionalInt.of(attempts));
                }
            }
        }
        if (event != null) {
            state.emit(event);
        }
        if (failure != null) {
            throw failure;
        }
        return paid;
    }

    @Override
    public ProviderInvoice voidInvoice(String invoiceId, String idempotencyKey) {
        synchronized (state) {
            return state.idempotent("voidInvoice", idempotencyKey, List.of(invoiceId), () -> {
                ProviderInvoice invoice = MockProviderState.require(invoices.get(invoiceId), "invoice", invoiceId);
                if (invoice.status() == ProviderInvoiceStatus.PAID) {
                    throw new BillingException(ErrorCode.ILLEGAL_TRANSITION, "invoice " + invoiceId + " is paid");
                }
                ProviderInvoice updated = new ProviderInvoice(invoice.id(), invoice.customerId(), ProviderInvoiceStatus.VOID,
                        invoice.total(), Money.zero(invoice.total().currency()), invoice.amountPaid(), invoice.hostedUrl());
                invoices.put(invoiceId, updated);
                return updated;
            });
        }
    }
}
