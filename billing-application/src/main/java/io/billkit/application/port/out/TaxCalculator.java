package io.billkit.application.port.out;

import io.billkit.domain.customer.Customer;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceTax;

import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * Computes the tax of an invoice's lines for its customer. The lines are final (discounts and credits
 * applied, in the invoice's currency): the result holds one tax line per rate with its taxable base, and
 * the legal notes to print. Implementations: the built-in calculator (rates from configuration,
 * {@code io.billkit.application.tax.BuiltInTaxCalculator}) and Stripe Tax (adapter-stripe).
 *
 * <p>A calculator may call a remote service; period close calls it once per invoice draft. It throws a
 * {@code BillingException} with a stable code when it cannot tax the invoice (the period close is then
 * retried).
 */
public interface TaxCalculator {

    /** The tax of {@code request}'s lines. */
    InvoiceTax calculate(TaxRequest request);

    /**
     * What to tax.
     *
     * @param customer  the billed customer (tax profile, VAT id, flat rate)
     * @param currency  the invoice's currency; every line is in it
     * @param lines     the invoice's lines in print order
     * @param reference a stable reference of the invoice (its id), for a remote calculator's records
     */
    record TaxRequest(Customer customer, Currency currency, List<InvoiceLine> lines, String reference) {
        public TaxRequest {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(currency, "currency");
            lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
            Objects.requireNonNull(reference, "reference");
        }
    }

    /** The calculator BillKit had before: the customer's flat exclusive {@code taxRate} on every invoice. */
    static TaxCalculator customerRate() {
        return request -> InvoiceTax.atRate(request.customer().taxRate(), request.currency(), request.lines());
    }
}
