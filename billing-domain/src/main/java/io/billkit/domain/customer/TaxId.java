package io.billkit.domain.customer;

import io.billkit.domain.BillingException;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tax registration number as printed on an invoice: an EU/UK VAT id ({@code DE123456789}), a GST
 * number (Australia, New Zealand, Singapore, India, Canada), a Japanese qualified-invoice issuer
 * registration number ({@code T} and 13 digits, 適格請求書発行事業者登録番号) or another scheme's id.
 *
 * @param type  the scheme, which decides the printed label
 * @param value the number as registered: upper-cased, spaces kept; 2..64 letters, digits, spaces,
 *              {@code - . /}; a {@link TaxIdType#JP_REGISTRATION} is {@code T} followed by 13 digits;
 *              a {@link TaxIdType#VAT} starting with an EU member state's prefix has that state's format
 *              ({@link VatIdFormat})
 */
public record TaxId(TaxIdType type, String value) {
    private static final Pattern VALUE = Pattern.compile("[A-Z0-9][A-Z0-9 ./-]{0,62}[A-Z0-9]");
    private static final Pattern JP = Pattern.compile("T\\d{13}");

    public TaxId {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        value = value.strip().toUpperCase(Locale.ROOT);
        BillingException.require(VALUE.matcher(value).matches(),
                "tax id must be 2..64 letters, digits, spaces, '-', '.' or '/' but was '" + value + "'");
        BillingException.require(type != TaxIdType.JP_REGISTRATION || JP.matcher(value).matches(),
                "a Japanese registration number is T followed by 13 digits but was '" + value + "'");
        BillingException.require(type != TaxIdType.VAT || !VatIdFormat.hasEuPrefix(value) || VatIdFormat.isValidEu(value),
                "VAT id '" + value + "' does not have the format of its EU country prefix " + value.substring(0, 2));
    }

    /** A tax id of {@code type}. */
    public static TaxId of(TaxIdType type, String value) {
        return new TaxId(type, value);
    }

    /** An EU or UK VAT identification number. */
    public static TaxId vat(String value) {
        return new TaxId(TaxIdType.VAT, value);
    }

    /** A goods and services tax number. */
    public static TaxId gst(String value) {
        return new TaxId(TaxIdType.GST, value);
    }

    /** A Japanese qualified-invoice issuer registration number ({@code T1234567890123}). */
    public static TaxId japanRegistration(String value) {
        return new TaxId(TaxIdType.JP_REGISTRATION, value);
    }

    /** {@code VAT ID: DE123456789}. */
    public String printed() {
        return type.label() + ": " + value;
    }

    @Override
    public String toString() {
        return printed();
    }
}
