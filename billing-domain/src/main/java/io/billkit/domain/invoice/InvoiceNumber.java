package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A human-facing invoice number from a gapless per-year sequence, printed {@code INV-2026-000042}
 * (year with four digits, sequence zero-padded to at least six). {@code year} is 1000..9999 and
 * {@code sequence} is 1..999,999,999. Allocating the next number without gaps is the store's job;
 * {@link #next()} gives the successor in the same year.
 */
public record InvoiceNumber(int year, long sequence) implements Comparable<InvoiceNumber> {
    public static final String PREFIX = "INV";
    public static final long MAX_SEQUENCE = 999_999_999L;
    private static final Pattern FORMAT = Pattern.compile("INV-(\\d{4})-(\\d{6,9})");

    public InvoiceNumber {
        BillingException.require(year >= 1000 && year <= 9999,
                "invoice number year must be 1000..9999 but was " + year);
        BillingException.require(sequence >= 1 && sequence <= MAX_SEQUENCE,
                "invoice number sequence must be 1.." + MAX_SEQUENCE + " but was " + sequence);
    }

    public static InvoiceNumber of(int year, long sequence) {
        return new InvoiceNumber(year, sequence);
    }

    /** The first number of {@code year} ({@code INV-year-000001}). */
    public static InvoiceNumber first(int year) {
        return new InvoiceNumber(year, 1);
    }

    /**
     * Parses {@code INV-2026-000042}. Only the canonical form is accepted (what {@link #toString()}
     * prints), so a number and its text map one to one.
     */
    public static InvoiceNumber parse(String text) {
        Objects.requireNonNull(text, "invoiceNumber");
        Matcher m = FORMAT.matcher(text);
        BillingException.require(m.matches(),
                "invoice number must look like INV-2026-000042 but was '" + text + "'");
        InvoiceNumber number = new InvoiceNumber(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
        BillingException.require(number.toString().equals(text),
                "invoice number '" + text + "' is not canonical; expected '" + number + "'");
        return number;
    }

    /** True if {@code text} is a canonical invoice number. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (BillingException e) {
            return false;
        }
    }

    /** The following number of the same year. */
    public InvoiceNumber next() {
        return new InvoiceNumber(year, sequence + 1);
    }

    @Override
    public int compareTo(InvoiceNumber other) {
        int byYear = Integer.compare(year, other.year);
        return byYear != 0 ? byYear : Long.compare(sequence, other.sequence);
    }

    /** {@code INV-2026-000042}. */
    @Override
    public String toString() {
        return String.format("%s-%04d-%06d", PREFIX, year, sequence);
    }
}
