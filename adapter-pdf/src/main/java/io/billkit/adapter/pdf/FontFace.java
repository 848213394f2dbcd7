package io.billkit.adapter.pdf;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;

/**
 * One TrueType font of a fallback chain, parsed for one document. The PDF font is created (and
 * therefore embedded, as a subset) only when the first character that needs it is drawn.
 */
final class FontFace {

    private final PDDocument document;
    private final TrueTypeFont trueType;
    private final CmapLookup unicode;
    private PDType0Font pdfFont;

    FontFace(PDDocument document, TrueTypeFont trueType) throws IOException {
        this.document = document;
        this.trueType = trueType;
        this.unicode = trueType.getUnicodeCmapLookup();
    }

    /** Whether this font has a real glyph (not .notdef) for the Unicode code point. */
    boolean covers(int codePoint) {
        return unicode.getGlyphId(codePoint) != 0;
    }

    /** The embedded (subset) PDF font, created on first use. */
    PDType0Font pdfFont() throws IOException {
        if (pdfFont == null) {
            pdfFont = PDType0Font.load(document, trueType, true);
        }
        return pdfFont;
    }
}
