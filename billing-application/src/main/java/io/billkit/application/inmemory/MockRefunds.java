package io.billkit.application.inmemory;

import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.out.provider.ProviderInvoice;
import io.billkit.application.port.out.provider.ProviderInvoiceStatus;
import io.billkit.application.port.out.provider.ProviderRefund;
import io.billkit.application.port.out.provider.ProviderRefunds;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.money.Money;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mock provider's refunds: only a paid invoice's payment can be refunded, never more than was paid in all; each
 * refund emits the {@code ChargeRefunded} event a webhook would carry (with the refund and its credit note metadata).
 */
final class MockRefunds implements ProviderRefunds {
    static final String CREDIT_NOTE_METADATA = "billkit_credit_note_id";

    private final MockProviderState state;
    private final MockInvoices invoices;
    private final Map<String, Money> refundedByInvoice = new HashMap<>();

    MockRefunds(MockProviderState state, MockInvoices invoices) {
        this.state = state;
        this.invoices = invoices;
    }

    @Override
    public ProviderRefund refundInvoicePayment(String invoiceId, Money amount, Map<String, String> metadata,
                                               String idempotencyKey) {
        ProviderEvent event = null;
        ProviderRefund refund;
        synchronized (state) {
            boolean replay = state.seen(idempotencyKey);
            refund = state.idempotent("refundInvoicePayment", idempotencyKey, List.of(invoiceId, amount.toString()),
                    () -> refund(invoiceId, amount));
            if (!replay) {
                event = refunded(invoiceId, new ProviderEvent.Refund(refund.id(), amount,
                        Optional.ofNullable(metadata.get(CREDIT_NOTE_METADATA))));
            }
        }
        if (event != null) {
            state.emit(event);
        }
        return refund;
    }

    /** A refund made in the provider's dashboard (no BillKit metadata): emits its event like a webhook. */
    ProviderRefund refundInDashboard(String invoiceId, Money amount) {
        ProviderEvent event;
        ProviderRefund refund;
        synchronized (state) {
            state.record("refundInDashboard", "", invoiceId, amount.toString());
            refund = refund(invoiceId, amount);
            event = refunded(invoiceId, new ProviderEvent.Refund(refund.id(), amount, Optional.empty()));
        }
        state.emit(event);
        return refund;
    }

    private ProviderRefund refund(String invoiceId, Money amount) {
        ProviderInvoice invoice = invoices.find(invoiceId)
                .orElseThrow(() -> new BillingException(ErrorCode.NOT_FOUND, "no invoice " + invoiceId));
        if (invoice.status() != ProviderInvoiceStatus.PAID) {
            throw new BillingException(ErrorCode.NOT_FOUND, "invoice " + invoiceId + " has no payment to refund");
        }
        Money refunded = refundedByInvoice.getOrDefault(invoiceId, Money.zero(amount.currency())).plus(amount);
        BillingException.require(amount.isPositive() && !refunded.isGreaterThan(invoice.amountPaid()),
                "refund of " + amount + " exceeds what is left of the payment of " + invoiceId);
        refundedByInvoice.put(invoiceId, refunded);
        return new ProviderRefund(state.id("re"), ProviderRefund.Status.SUCCEEDED);
    }

    private ProviderEvent refunded(String invoiceId, ProviderEvent.Refund refund) {
        ProviderInvoice invoice = invoices.find(invoiceId).orElseThrow();
        String charge = "ch_" + invoiceId;
        return new ProviderEvent.ChargeRefunded(state.meta(charge), Optional.of(invoice.customerId()),
                Optional.of(refundedByInvoice.get(invoiceId)), Optional.of(invoiceId), List.of(refund));
    }
}
