package io.billkit.application.port.out.provider;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The payment provider's invoices: period close and cancel push BillKit's finalized invoices, a credit purchase
 * invoices and pays its pack, VoidInvoice voids. A declined payment is {@code PAYMENT_FAILED}.
 */
public interface ProviderInvoices {

    /** Creates and finalizes an invoice with {@code items}; {@code metadata} carries BillKit's ids. */
    ProviderInvoice createInvoice(String customerId, List<ProviderInvoiceItem> items, LocalDate dueDate,
                                  Map<String, String> metadata, String idempotencyKey);

    ProviderInvoice payInvoice(String invoiceId, String idempotencyKey);

    ProviderInvoice voidInvoice(String invoiceId, String idempotencyKey);
}
