package io.billkit.application.service;

import io.billkit.application.port.out.InvoiceDocument;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.invoice.InvoiceTotals;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link InvoiceDocument} of an invoice: everything formatted for a reader (quantities with
 * thousands separators, unit prices as text, {@code Tax (20%)}, {@code Net 30}). Deterministic: the same
 * invoice gives an equal document, and the document id is derived from the invoice id and status, so the
 * rendered bytes (and their ETag) only change when the invoice does. A DRAFT has no number and no issue
 * date yet: it prints {@code DRAFT}, and the day after its period as issue date.
 */
final class InvoiceDocuments {
    static final String DRAFT_NUMBER = "DRAFT";

    private final SellerProfile seller;

    InvoiceDocuments(SellerProfile seller) {
        this.seller = Objects.requireNonNull(seller, "seller");
    }

    InvoiceDocument document(Invoice invoice, Customer customer) {
        InvoiceTotals totals = invoice.totals();
        LocalDate issueDate = invoice.issueDate().orElse(invoice.periodEndExclusive());
        LocalDate dueDate = invoice.dueDate().orElse(issueDate.plusDays(invoice.paymentTermsDays()));
        Money amountDue = invoice.status() == InvoiceStatus.VOID ? Money.zero(invoice.currency()) : totals.amountDue();
        return new InvoiceDocument(documentId(invoice),
                new InvoiceDocument.Party(seller.name(), seller.addressLines(), seller.email(), seller.logo()),
                new InvoiceDocument.Party(customer.name(), addressLines(customer.address()), customer.email(), new byte[0]),
                invoice.number().map(InvoiceNumber::toString).orElse(DRAFT_NUMBER), invoice.status().name(),
                issueDate, dueDate, invoice.periodStart(), invoice.periodEndInclusive(),
                invoice.lines().stream().map(InvoiceDocuments::line).toList(), totals.subtotal(), totals.credits(),
                totals.tax(), invoice.taxLine().description(), totals.total(), amountDue,
                "Net " + invoice.paymentTermsDays());
    }

    /** {@code INV-2026-000042.pdf}, or {@code draft-<invoice id>.pdf} before finalization. */
    static String fileName(Invoice invoice, String extension) {
        return invoice.number().map(InvoiceNumber::toString).orElse("draft-" + invoice.id().value()) + "." + extension;
    }

    static String documentId(Invoice invoice) {
        return invoice.id().value() + "-" + invoice.status().name().toLowerCase(Locale.ROOT);
    }

    static InvoiceDocument.Line line(InvoiceLine line) {
        if (line instanceof InvoiceLine.UsageLine usage) {
            return new InvoiceDocument.Line(line.description(), quantity(usage.billableQuantity()),
                    priceText(usage.priceDescription()), line.amount());
        }
        if (line instanceof InvoiceLine.BaseFeeLine base) {
            return new InvoiceDocument.Line(line.description(), "1", money(base.amount()), line.amount());
        }
        return new InvoiceDocument.Line(line.description(), "", "", line.amount());
    }

    /** {@code 2,500,000} or {@code 10.125}: grouped thousands, no trailing zeros. */
    static String quantity(BigDecimal quantity) {
        DecimalFormat format = new DecimalFormat("#,##0.############", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(quantity);
    }

    /**
     * A price description made readable: amounts after a currency code get at least the currency's
     * decimals and thousands separators ({@code USD 0.5} -> {@code USD 0.50}), other whole numbers of four
     * or more digits get separators ({@code per 1000 units} -> {@code per 1,000 units}).
     */
    static String priceText(String description) {
        Matcher amounts = CURRENCY_AMOUNT.matcher(description);
        StringBuilder out = new StringBuilder();
        while (amounts.find()) {
            String code = amounts.group(1);
            int minDigits = minorDigits(code);
            DecimalFormat format = new DecimalFormat("#,##0." + "0".repeat(minDigits) + "#".repeat(12 - minDigits),
                    DecimalFormatSymbols.getInstance(Locale.ROOT));
            amounts.appendReplacement(out, Matcher.quoteReplacement(code + " "
                    + format.format(new BigDecimal(amounts.group(2)))));
        }
        amounts.appendTail(out);
        Matcher counts = WHOLE_NUMBER.matcher(out.toString());
        StringBuilder grouped = new StringBuilder();
        while (counts.find()) {
            counts.appendReplacement(grouped, Matcher.quoteReplacement(quantity(new BigDecimal(counts.group(1)))));
        }
        counts.appendTail(grouped);
        return grouped.toString();
    }

    private static int minorDigits(String currencyCode) {
        try {
            return Money.minorDigits(Currency.getInstance(currencyCode));
        } catch (IllegalArgumentException notACurrency) {
            return 0;
        }
    }

    private static final Pattern CURRENCY_AMOUNT = Pattern.compile("\\b([A-Z]{3}) (\\d+(?:\\.\\d+)?)");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("(?<![\\d.,])(\\d{4,})(?![\\d.,])");

    /** {@code USD 1,250.00}. */
    static String money(Money money) {
        int digits = Money.minorDigits(money.currency());
        String pattern = digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits);
        return money.currencyCode() + " "
                + new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(money.amount());
    }

    private static List<String> addressLines(String address) {
        return Arrays.stream(address.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
