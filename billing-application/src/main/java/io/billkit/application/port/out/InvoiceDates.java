package io.billkit.application.port.out;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one date format of everything printed on an invoice: line descriptions written by the use cases
 * ("Free trial until 14 Mar 2026") and the dates the renderer prints. {@code 31 Jul 2026} reads the same
 * in every country, unlike {@code 07/31/2026}.
 */
public final class InvoiceDates {
    /** {@code d MMM uuuu} in English, e.g. {@code 31 Jul 2026}. */
    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

    private InvoiceDates() {
    }

    /** {@code date} in {@link #FORMAT}. */
    public static String format(LocalDate date) {
        return FORMAT.format(date);
    }
}
