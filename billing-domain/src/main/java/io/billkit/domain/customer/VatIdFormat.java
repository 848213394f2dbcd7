package io.billkit.domain.customer;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The format of EU VAT identification numbers per member-state prefix (the shapes the European
 * Commission's VIES documents; Greece uses the prefix {@code EL}). A number of the right shape is
 * "valid-format": BillKit checks the shape, not whether the number is registered (that needs VIES, a
 * network service), so an embedder that must confirm registration does so before setting the id.
 * Spaces, dots and dashes are ignored ({@code DE 123 456 789} is {@code DE123456789}).
 */
public final class VatIdFormat {
    private static final Map<String, Pattern> EU = Map.ofEntries(
            Map.entry("AT", Pattern.compile("U\\d{8}")),
            Map.entry("BE", Pattern.compile("[01]\\d{9}")),
            Map.entry("BG", Pattern.compile("\\d{9,10}")),
            Map.entry("CY", Pattern.compile("\\d{8}[A-Z]")),
            Map.entry("CZ", Pattern.compile("\\d{8,10}")),
            Map.entry("DE", Pattern.compile("\\d{9}")),
            Map.entry("DK", Pattern.compile("\\d{8}")),
            Map.entry("EE", Pattern.compile("\\d{9}")),
            Map.entry("EL", Pattern.compile("\\d{9}")),
            Map.entry("ES", Pattern.compile("[A-Z0-9]\\d{7}[A-Z0-9]")),
            Map.entry("FI", Pattern.compile("\\d{8}")),
            Map.entry("FR", Pattern.compile("[A-HJ-NP-Z0-9]{2}\\d{9}")),
            Map.entry("HR", Pattern.compile("\\d{11}")),
            Map.entry("HU", Pattern.compile("\\d{8}")),
            Map.entry("IE", Pattern.compile("\\d{7}[A-W][A-I]?|\\d[A-Z+*]\\d{5}[A-W]")),
            Map.entry("IT", Pattern.compile("\\d{11}")),
            Map.entry("LT", Pattern.compile("\\d{9}|\\d{12}")),
            Map.entry("LU", Pattern.compile("\\d{8}")),
            Map.entry("LV", Pattern.compile("\\d{11}")),
            Map.entry("MT", Pattern.compile("\\d{8}")),
            Map.entry("NL", Pattern.compile("\\d{9}B\\d{2}")),
            Map.entry("PL", Pattern.compile("\\d{10}")),
            Map.entry("PT", Pattern.compile("\\d{9}")),
            Map.entry("RO", Pattern.compile("[1-9]\\d{1,9}")),
            Map.entry("SE", Pattern.compile("\\d{10}01")),
            Map.entry("SI", Pattern.compile("\\d{8}")),
            Map.entry("SK", Pattern.compile("\\d{10}")));

    private VatIdFormat() {
    }

    /** {@code value} without spaces, dots and dashes, upper-cased. */
    public static String compact(String value) {
        Objects.requireNonNull(value, "value");
        return value.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
    }

    /** True when {@code value} starts with an EU member state's prefix and has that state's shape. */
    public static boolean isValidEu(String value) {
        String c = compact(value);
        if (c.length() < 3) {
            return false;
        }
        Pattern shape = EU.get(c.substring(0, 2));
        return shape != null && shape.matcher(c.substring(2)).matches();
    }

    /** True when {@code value} starts with an EU member state's VAT prefix (shape not checked). */
    public static boolean hasEuPrefix(String value) {
        String c = compact(value);
        return c.length() >= 2 && EU.containsKey(c.substring(0, 2));
    }

    /**
     * The ISO 3166 country of a valid-format EU VAT id ({@code EL} -> {@code GR}); empty for anything
     * else (not a VAT id, another country's, or a malformed one).
     */
    public static Optional<String> euCountry(TaxId id) {
        Objects.requireNonNull(id, "id");
        if (id.type() != TaxIdType.VAT || !isValidEu(id.value())) {
            return Optional.empty();
        }
        String prefix = compact(id.value()).substring(0, 2);
        return Optional.of(prefix.equals("EL") ? "GR" : prefix);
    }

    /** True when {@code country} (ISO 3166 alpha-2) is an EU member state. */
    public static boolean isEuCountry(String country) {
        Objects.requireNonNull(country, "country");
        String c = country.toUpperCase(Locale.ROOT);
        return !c.equals("EL") && EU.containsKey(c.equals("GR") ? "EL" : c);
    }
}
