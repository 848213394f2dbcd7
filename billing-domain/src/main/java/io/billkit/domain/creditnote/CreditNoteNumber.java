package io.billkit.domain.creditnote;

import io.billkit.domain.BillingException;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A credit note's number from its own gapless per-year series, printed {@code CN-2026-000001} (separate from
 * the invoices' {@code INV-} series). {@code year} is 1000..9999, {@code sequence} 1..999,999,999. Allocation
 * without gaps is the store's job (in the issuing transaction, so a rollback leaves no hole).
 */
public record CreditNoteNumber(int year, long sequence) implements Comparable<CreditNoteNumber> {
    public static final String PREFIX = "CN";
    public static final long MAX_SEQUENCE = 999_999_999L;
    private static final Pattern FORMAT = Pattern.compile("CN-(\\d{4})-(\\d{6,9})");

    public CreditNoteNumber {
        BillingException.require(year >= 1000 && year <= 9999,
                "credit note number year must be 1000..9999 but was " + year);
        BillingException.require(sequence >= 1 && sequence <= MAX_SEQUENCE,
                "credit note number sequence must be 1.." + MAX_SEQUENCE + " but was " + sequence);
    }

    public static CreditNoteNumber of(int year, long sequence) {
        return new CreditNoteNumber(year, sequence);
    }

    /** Parses the canonical form only ({@code CN-2026-000001}). */
    public static CreditNoteNumber parse(String text) {
        Objects.requireNonNull(text, "creditNoteNumber");
        Matcher m = FORMAT.matcher(text);
        BillingException.require(m.matches(), "credit note number must look like CN-2026-000001 but was '" + text + "'");
        CreditNoteNumber number = new CreditNoteNumber(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
        BillingException.require(number.toString().equals(text),
                "credit note number '" + text + "' is not canonical; expected '" + number + "'");
        return number;
    }

    @Override
    public int compareTo(CreditNoteNumber other) {
        int byYear = Integer.compare(year, other.year);
        return byYear != 0 ? byYear : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return String.format("%s-%04d-%06d", PREFIX, year, sequence);
    }
}
