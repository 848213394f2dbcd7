package io.billkit.adapter.stripe;

import com.stripe.model.Invoice;
import com.stripe.net.RequestOptions;
import com.stripe.param.InvoiceCreateParams;
import com.stripe.param.InvoiceFinalizeInvoiceParams;
import com.stripe.param.InvoiceItemCreateParams;
import io.billkit.application.port.out.provider.ProviderInvoice;
import io.billkit.application.port.out.provider.ProviderInvoiceItem;
import io.billkit.application.port.out.provider.ProviderInvoices;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.billkit.adapter.stripe.StripeContext.keyed;

/** Stripe invoices: BillKit's finalized invoices pushed line by line in exact minor units, paid and voided. */
final class StripeInvoices implements ProviderInvoices {
    private final StripeContext s;

    StripeInvoices(StripeContext context) {
        this.s = context;
    }

    /**
     * Creates a draft invoice ({@code collection_method=send_invoice}, {@code due_date} at 12:00 UTC of {@code dueDate},
     * pending items excluded, {@code auto_advance=false}), adds one invoice item per BillKit line and finalizes it.
     * Each step has its own key derived from {@code idempotencyKey}, so a retry of a half-done call completes it.
     */
    @Override
    public ProviderInvoice createInvoice(String customerId, List<ProviderInvoiceItem> items, LocalDate dueDate,
                                         Map<String, String> metadata, String idempotencyKey) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(metadata, "metadata");
        BillingException.require(!items.isEmpty(), "an invoice needs at least one item");
        Currency currency = items.get(0).amount().currency();
        for (ProviderInvoiceItem item : items) {
            if (!item.amount().currency().equals(currency)) {
                throw new BillingException(ErrorCode.CURRENCY_MISMATCH, "invoice items mix " + currency.getCurrencyCode()
                        + " and " + item.amount().currencyCode());
            }
        }
        List<Long> amounts = items.stream().map(item -> StripeAmounts.toStripe(item.amount())).toList();
        String stripeCurrency = StripeAmounts.stripeCurrency(currency);

        InvoiceCreateParams create = InvoiceCreateParams.builder()
                .setCustomer(customerId)
                .setCurrency(stripeCurrency)
                .setCollectionMethod(InvoiceCreateParams.CollectionMethod.SEND_INVOICE)
                .setDueDate(dueDate.atTime(LocalTime.NOON).toEpochSecond(ZoneOffset.UTC))
                .setPendingInvoiceItemsBehavior(InvoiceCreateParams.PendingInvoiceItemsBehavior.EXCLUDE)
                .setAutoAdvance(false)
                .putAllMetadata(metadata)
                .build();
        Invoice draft = s.calls().run("invoice create",
                () -> s.stripe().v1().invoices().create(create, keyed(IdempotencyKeys.of("invoice.create", idempotencyKey))));
        for (int i = 0; i < items.size(); i++) {
            InvoiceItemCreateParams item = InvoiceItemCreateParams.builder()
                    .setCustomer(customerId)
                    .setInvoice(draft.getId())
                    .setAmount(amounts.get(i))
                    .setCurrency(stripeCurrency)
                    .setDescription(items.get(i).description())
                    .build();
            RequestOptions options = keyed(IdempotencyKeys.of("invoiceitem.create", idempotencyKey + ":" + i));
            s.calls().run("invoice item create", () -> s.stripe().v1().invoiceItems().create(item, options));
        }
        InvoiceFinalizeInvoiceParams finalize = InvoiceFinalizeInvoiceParams.builder().setAutoAdvance(false).build();
        RequestOptions options = keyed(IdempotencyKeys.of("invoice.finalize", idempotencyKey));
        return StripeMapping.invoice(s.calls().run("invoice finalize",
                () -> s.stripe().v1().invoices().finalizeInvoice(draft.getId(), finalize, options)));
    }

    /** Pays an open invoice with the customer's default payment method; a decline is {@code PAYMENT_FAILED}. */
    @Override
    public ProviderInvoice payInvoice(String invoiceId, String idempotencyKey) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        RequestOptions options = keyed(IdempotencyKeys.of("invoice.pay", idempotencyKey));
        return StripeMapping.invoice(s.calls().run("invoice pay", () -> s.stripe().v1().invoices().pay(invoiceId, options)));
    }

    @Override
    public ProviderInvoice voidInvoice(String invoiceId, String idempotencyKey) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        RequestOptions options = keyed(IdempotencyKeys.of("invoice.void", idempotencyKey));
        return StripeMapping.invoice(s.calls().run("invoice void", () -> s.stripe().v1().invoices().voidInvoice(invoiceId, options)));
    }
}
