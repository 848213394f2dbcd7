package io.billkit.application.port.in.invoice;

/**
 * Reads one invoice.
 */
public interface GetInvoiceUseCase {
    InvoiceView get(GetInvoiceQuery query);
}
