package io.billkit.adapter.pdf;

import java.util.Locale;

/**
 * What kind of PDF {@link PdfInvoiceRenderer} writes. Every kind is tagged (logical structure, reading
 * order, alternate text for the logo) and deterministic.
 */
public enum PdfFormat {
    /** A plain PDF. */
    PDF("pdf"),
    /**
     * PDF/A-3b (ISO 19005-3, for archiving): XMP metadata that matches the document information, an sRGB
     * ICC output intent, every font embedded.
     */
    PDF_A_3("pdfa-3"),
    /**
     * A Factur-X 1.0 / ZUGFeRD 2 e-invoice: the PDF/A-3b above with the invoice as EN 16931 (CII) XML
     * embedded as {@code factur-x.xml} (profile EN 16931, relationship {@code Alternative}). Needs the
     * seller's country and tax id.
     */
    FACTUR_X("factur-x");

    private final String code;

    PdfFormat(String code) {
        this.code = code;
    }

    /** The configuration spelling: {@code pdf}, {@code pdfa-3} or {@code factur-x}. */
    public String code() {
        return code;
    }

    /** Whether the output is PDF/A-3. */
    public boolean archival() {
        return this != PDF;
    }

    /**
     * The format spelt {@code code} ({@code pdf}, {@code pdfa-3}, {@code factur-x}; case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted spellings otherwise
     */
    public static PdfFormat of(String code) {
        String wanted = code.strip().toLowerCase(Locale.ROOT);
        for (PdfFormat format : values()) {
            if (format.code.equals(wanted)) {
                return format;
            }
        }
        throw new IllegalArgumentException("must be pdf, pdfa-3 or factur-x but was '" + code + "'");
    }
}
