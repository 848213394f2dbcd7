package io.billkit.application.service;

import io.billkit.application.port.out.InvoiceDates;
import io.billkit.application.port.out.InvoiceDocument;
import io.billkit.domain.catalog.TierCharge;
import io.billkit.domain.customer.TaxIdType;
import io.billkit.domain.money.UnitPrice;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.invoice.InvoiceTotals;
import io.billkit.domain.invoice.InvoiceTax;
import io.billkit.domain.invoice.TaxLine;
import io.billkit.domain.invoice.TaxTreatment;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
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
        return document(invoice, customer, Optional.empty(), Money.zero(invoice.currency()));
    }

    /**
     * The document of {@code invoice}; {@code cancelledAt} is the instant its subscription was cancelled,
     * when it was: a cancel within the period ends the printed period on the cancel's day. {@code fromBalance} is
     * what the customer's money balance paid of it: an open invoice prints it off the amount due (as the API's
     * {@code amountDue} does), and Factur-X carries it as prepaid.
     */
    InvoiceDocument document(Invoice invoice, Customer customer, Optional<Instant> cancelledAt, Money fromBalance) {
        InvoiceTotals totals = invoice.totals();
        LocalDate issueDate = invoice.issueDate().orElse(invoice.periodEndExclusive());
        LocalDate dueDate = invoice.dueDate().orElse(issueDate.plusDays(invoice.paymentTermsDays()));
        Money zero = Money.zero(invoice.currency());
        Money amountDue = invoice.status() == InvoiceStatus.VOID ? zero : totals.amountDue();
        if (fromBalance.isPositive() && invoice.status() != InvoiceStatus.PAID && invoice.status() != InvoiceStatus.VOID) {
            amountDue = amountDue.minus(fromBalance).max(zero);
        }
        LocalDate periodEnd = invoice.periodEndInclusive();
        String periodNote = "";
        Optional<LocalDate> lastBilledDay = cancelledAt.flatMap(at -> lastBilledDay(invoice, customer.timeZone(), at));
        if (lastBilledDay.isPresent()) {
            periodNote = "Cancelled on " + InvoiceDates.format(lastBilledDay.get()) + "; plan period "
                    + InvoiceDates.format(invoice.periodStart()) + " – " + InvoiceDates.format(periodEnd);
            periodEnd = lastBilledDay.get();
        }
        if (invoice.isThreshold()) {
            periodNote = InvoiceDocument.THRESHOLD_NOTE + ": usage accrued in the period up to " + InvoiceDates.format(issueDate)
                    + "; the period-end invoice deducts it";
        }
        String taxName = seller.taxId().map(id -> taxName(id.type())).orElse("Tax");
        List<InvoiceDocument.TaxAmount> taxes = taxes(invoice, taxName);
        String taxLabel;
        if (taxes.isEmpty()) {
            taxLabel = invoice.taxLine().description();
        } else if (taxes.size() > 1) {
            taxLabel = "Tax";
        } else if (taxes.get(0).treatment() != TaxTreatment.STANDARD || invoice.tax().fixed()) {
            taxLabel = invoice.tax().lines().stream().filter(l -> l.treatment() != TaxTreatment.STANDARD
                    || l.rate().signum() > 0).findFirst().orElseThrow().description();
        } else {
            taxLabel = taxName + " (" + percent(invoice.taxRate()) + "%)";
        }
        return new InvoiceDocument(documentId(invoice),
                new InvoiceDocument.Party(seller.name(), seller.addressLines(), seller.email(), seller.logo(),
                        seller.taxId(), seller.countryCode()),
                new InvoiceDocument.Party(customer.name(), customer.addressLines(), customer.email(), new byte[0],
                        customer.taxId(), countryOf(customer.addressLines()).orElse(seller.countryCode())),
                invoice.number().map(InvoiceNumber::toString).orElse(DRAFT_NUMBER), invoice.status().name(),
                issueDate, dueDate, invoice.periodStart(), periodEnd, periodNote,
                invoice.lines().stream().map(InvoiceDocuments::line).toList(), totals.subtotal(), totals.credits(),
                totals.tax(), taxLabel, taxes, totals.total(), amountDue,
                "Net " + invoice.paymentTermsDays(), seller.paymentInstructions(), seller.footer());
    }

    /**
     * One printed tax per tax line: a flat-rate tax is named after the seller's tax scheme ({@code VAT 20%}),
     * a calculated one keeps its calculator's name ({@code VAT (19%)}); a zero flat rate prints nothing (as
     * before tax calculators); a reverse-charged or exempt line carries the invoice's legal note.
     */
    private static List<InvoiceDocument.TaxAmount> taxes(Invoice invoice, String taxName) {
        InvoiceTax tax = invoice.tax();
        List<InvoiceDocument.TaxAmount> out = new java.util.ArrayList<>();
        String note = String.join(" ", tax.notes());
        for (TaxLine line : tax.lines()) {
            if (line.treatment() != TaxTreatment.STANDARD) {
                out.add(new InvoiceDocument.TaxAmount(line.description(), BigDecimal.ZERO, line.taxable(), line.amount(),
                        line.treatment(), note));
            } else if (line.rate().signum() > 0) {
                String label = tax.fixed() ? line.description() : taxName + " " + percent(line.rate()) + "%";
                out.add(new InvoiceDocument.TaxAmount(label, line.rate().movePointRight(2).stripTrailingZeros(),
                        line.taxable(), line.amount(), TaxTreatment.STANDARD, ""));
            }
        }
        return out;
    }

    /** The last local day billed when {@code cancelledAt} falls within the invoice's period. */
    static Optional<LocalDate> lastBilledDay(Invoice invoice, ZoneId zone, Instant cancelledAt) {
        Instant start = invoice.periodStart().atStartOfDay(zone).toInstant();
        Instant end = invoice.periodEndExclusive().atStartOfDay(zone).toInstant();
        if (cancelledAt.isBefore(start) || !cancelledAt.isBefore(end)) {
            return Optional.empty();
        }
        LocalDate day = LocalDate.ofInstant(cancelledAt, zone);
        boolean atMidnight = day.atStartOfDay(zone).toInstant().equals(cancelledAt);
        LocalDate last = atMidnight ? day.minusDays(1) : day;
        return Optional.of(last.isBefore(invoice.periodStart()) ? invoice.periodStart() : last);
    }

    private static String taxName(TaxIdType type) {
        return switch (type) {
            case VAT -> "VAT";
            case GST -> "GST";
            case JP_REGISTRATION -> "Consumption tax";
            case OTHER -> "Tax";
        };
    }

    private static String percent(BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString();
    }

    /**
     * The ISO 3166 alpha-2 code of the country an address ends with: its last line is a code ({@code IE}) or
     * an English country name ({@code Ireland}); empty otherwise.
     */
    static Optional<String> countryOf(List<String> addressLines) {
        if (addressLines.isEmpty()) {
            return Optional.empty();
        }
        String last = addressLines.get(addressLines.size() - 1).strip();
        for (String code : Locale.getISOCountries()) {
            if (code.equalsIgnoreCase(last) || new Locale("", code).getDisplayCountry(Locale.ENGLISH).equalsIgnoreCase(last)) {
                return Optional.of(code);
            }
        }
        if (last.equalsIgnoreCase("USA") || last.equalsIgnoreCase("United States of America")) {
            return Optional.of("US");
        }
        if (last.equalsIgnoreCase("UK")) {
            return Optional.of("GB");
        }
        return Optional.empty();
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
            String unit = usage.unit();
            String description = usage.meterName() + " overage: " + quantity(usage.quantity()) + " "
                    + units(unit, usage.quantity()) + " used, " + quantity(usage.includedQuantity()) + " included";
            if (!usage.description().equals(usage.meterName() + " overage")) {
                description = usage.description() + " (" + quantity(usage.quantity()) + " used, "
                        + quantity(usage.includedQuantity()) + " included)";
            }
            String price = usage.tiers().isEmpty() ? priceText(usage.priceDescription())
                    : priceText(usage.priceDescription()).replace(" tiers", " tiers:");
            return new InvoiceDocument.Line(description, quantity(usage.billableQuantity()) + unitSuffix(unit,
                    usage.billableQuantity()), usage.tiers().isEmpty() ? price : "", line.amount(),
                    usage.tiers().stream().map(t -> tierDetail(t, unit)).toList());
        }
        if (line instanceof InvoiceLine.BaseFeeLine base) {
            return new InvoiceDocument.Line(line.description(), "1", money(base.amount()), line.amount());
        }
        if (line instanceof InvoiceLine.DiscountLine discount) {
            return new InvoiceDocument.Line(discountText(discount), "", "", line.amount());
        }
        if (line instanceof InvoiceLine.ThresholdBilledLine) {
            return new InvoiceDocument.Line(line.description().replaceFirst(" billed on ", " already billed on threshold invoice "),
                    "", "", line.amount());
        }
        return new InvoiceDocument.Line(line.description(), "", "", line.amount());
    }

    /** {@code Discount LAUNCH20: Launch (20% off) on all charges}. */
    static String discountText(InvoiceLine.DiscountLine discount) {
        return "Discount " + discount.coupon().value() + ": " + discount.description() + " on " + discount.appliesTo();
    }

    /** {@code Tier 2: 100,001 – 1,000,000}, {@code 900,000 calls}, {@code USD 0.00002}, {@code USD 18.00}. */
    static InvoiceDocument.Detail tierDetail(TierCharge tier, String unit) {
        String from = quantity(tier.firstUnit().add(BigDecimal.ONE));
        String range = tier.upTo().map(u -> from + " – " + quantity(u)).orElse(from + " and above");
        String price = unitPrice(tier.unitPrice()) + tier.packageSize().map(p -> " / " + quantity(p)).orElse("");
        if (tier.flatFee().signum() > 0) {
            price = price + " + " + unitPrice(new UnitPrice(tier.flatFee(), tier.unitPrice().currency())) + " flat";
        }
        return new InvoiceDocument.Detail("Tier " + tier.tier() + ": " + range,
                quantity(tier.units()) + unitSuffix(unit, tier.units()), price,
                unitPrice(new UnitPrice(tier.amount(), tier.unitPrice().currency())));
    }

    /** A unit price with grouped thousands and at least the currency's decimals: {@code USD 0.00002}. */
    static String unitPrice(UnitPrice price) {
        return priceText(price.toString());
    }

    private static String unitSuffix(String unit, BigDecimal quantity) {
        return unit.isBlank() ? "" : " " + units(unit, quantity);
    }

    /** {@code call} -> {@code calls} for quantities other than one; units in capitals ({@code GB}) stay. */
    static String units(String unit, BigDecimal quantity) {
        if (unit.isBlank() || quantity.compareTo(BigDecimal.ONE) == 0 || !unit.chars().allMatch(Character::isLowerCase)
                || unit.endsWith("s")) {
            return unit;
        }
        if (unit.endsWith("y") && unit.length() > 1 && "aeiou".indexOf(unit.charAt(unit.length() - 2)) < 0) {
            return unit.substring(0, unit.length() - 1) + "ies";
        }
        return unit + "s";
    }

    /** {@code 2,500,000} or {@code 10.125}: grouped thousands, no trailing zeros. */
    static String quantity(BigDecimal quantity) {
        DecimalFormat format = new DecimalFormat("#,##0.##############", DecimalFormatSymbols.getInstance(Locale.ROOT));
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
            DecimalFormat format = new DecimalFormat("#,##0." + "0".repeat(minDigits) + "#".repeat(UnitPrice.MAX_SCALE - minDigits),
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

}
