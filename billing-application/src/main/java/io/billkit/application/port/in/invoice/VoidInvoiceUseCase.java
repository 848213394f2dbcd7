package io.billkit.application.port.in.invoice;

/**
 * Voids an invoice locally and at the payment provider.
 */
public interface VoidInvoiceUseCase {
    InvoiceView voidInvoice(VoidInvoiceCommand command);
}
