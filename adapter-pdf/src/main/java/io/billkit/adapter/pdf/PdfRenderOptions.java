package io.billkit.adapter.pdf;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Presentation choices for {@link PdfInvoiceRenderer}. Nothing here depends on the wall clock, so the
 * same options and document always render the same bytes.
 *
 * @param dateFormat how issue, due and period dates are printed (default {@code d MMM uuuu} in English,
 *                   e.g. {@code 31 Jul 2026}); never null
 * @param footerNote a short note printed under the totals on the last page, e.g. bank details or
 *                   "Thank you for your business."; empty for none, never null
 * @param format     plain PDF, PDF/A-3b or Factur-X (default {@link PdfFormat#PDF}); never null
 */
public record PdfRenderOptions(DateTimeFormatter dateFormat, String footerNote, PdfFormat format) {

    /** {@code 31 Jul 2026}: unambiguous in every country, unlike 07/31/2026. */
    public static final DateTimeFormatter DEFAULT_DATE_FORMAT =
            DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

    public PdfRenderOptions {
        Objects.requireNonNull(dateFormat, "dateFormat");
        Objects.requireNonNull(footerNote, "footerNote");
        Objects.requireNonNull(format, "format");
    }

    /** Options for a plain PDF. */
    public PdfRenderOptions(DateTimeFormatter dateFormat, String footerNote) {
        this(dateFormat, footerNote, PdfFormat.PDF);
    }

    /** English dates ({@code 31 Jul 2026}), no footer note, a plain PDF. */
    public static PdfRenderOptions defaults() {
        return new PdfRenderOptions(DEFAULT_DATE_FORMAT, "", PdfFormat.PDF);
    }

    /** These options with another footer note. */
    public PdfRenderOptions withFooterNote(String note) {
        return new PdfRenderOptions(dateFormat, note, format);
    }

    /** These options with another output format. */
    public PdfRenderOptions withFormat(PdfFormat newFormat) {
        return new PdfRenderOptions(dateFormat, footerNote, newFormat);
    }
}
