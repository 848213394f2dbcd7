package io.billkit.adapter.stripe;

import com.stripe.model.InvoicePayment;
import com.stripe.model.Refund;
import com.stripe.model.StripeCollection;
import com.stripe.param.InvoicePaymentListParams;
import com.stripe.param.RefundCreateParams;
import io.billkit.application.port.out.provider.ProviderRefund;
import io.billkit.application.port.out.provider.ProviderRefunds;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.money.Money;

import java.util.Map;
import java.util.Objects;

import static io.billkit.adapter.stripe.StripeContext.keyed;

/**
 * Stripe refunds of an invoice's payment: the invoice's paid payment is found through
 * {@code GET /v1/invoice_payments?invoice=..&status=paid} (since API 2025-03-31 an invoice no longer names its charge),
 * then {@code Refund.create} refunds its payment intent (or charge) by the exact minor-unit amount, with BillKit's
 * metadata and the idempotency key {@code refund.create:<key>}, so a retried call refunds once. Stripe's refund status
 * {@code succeeded} is SUCCEEDED; {@code pending} and {@code requires_action} PENDING; anything else FAILED.
 */
final class StripeRefunds implements ProviderRefunds {
    private final StripeContext s;

    StripeRefunds(StripeContext context) {
        this.s = context;
    }

    @Override
    public ProviderRefund refundInvoicePayment(String invoiceId, Money amount, Map<String, String> metadata,
                                               String idempotencyKey) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        BillingException.require(amount.isPositive(), "a refund must be positive but was " + amount);
        InvoicePaymentListParams list = InvoicePaymentListParams.builder()
                .setInvoice(invoiceId)
                .setStatus(InvoicePaymentListParams.Status.PAID)
                .setLimit(10L)
                .build();
        StripeCollection<InvoicePayment> payments = s.calls().run("invoice payments list",
                () -> s.stripe().v1().invoicePayments().list(list));
        InvoicePayment.Payment paid = payments.getData() == null ? null : payments.getData().stream()
                .map(InvoicePayment::getPayment)
                .filter(p -> p != null && (p.getPaymentIntent() != null || p.getCharge() != null))
                .findFirst().orElse(null);
        if (paid == null) {
            throw new BillingException(ErrorCode.NOT_FOUND, "stripe invoice " + invoiceId + " has no paid payment to refund");
        }
        RefundCreateParams.Builder refund = RefundCreateParams.builder()
                .setAmount(StripeAmounts.toStripe(amount))
                .putAllMetadata(metadata);
        if (paid.getPaymentIntent() != null) {
            refund.setPaymentIntent(paid.getPaymentIntent());
        } else {
            refund.setCharge(paid.getCharge());
        }
        RefundCreateParams params = refund.build();
        Refund created = s.calls().run("refund create", () -> s.stripe().v1().refunds()
                .create(params, keyed(IdempotencyKeys.of("refund.create", idempotencyKey))));
        ProviderRefund.Status status = switch (created.getStatus() == null ? "" : created.getStatus()) {
            case "succeeded" -> ProviderRefund.Status.SUCCEEDED;
            case "pending", "requires_action" -> ProviderRefund.Status.PENDING;
            default -> ProviderRefund.Status.FAILED;
        };
        return new ProviderRefund(created.getId(), status);
    }
}
