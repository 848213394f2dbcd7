package io.billkit.adapter.pdf;

import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.util.List;

/**
 * A line of text ready to draw: in visual order, split into runs that each use one font of the
 * fallback chain.
 *
 * @param runs          the runs, left to right
 * @param widthPerMille the advance width in thousandths of the font size
 */
record ShapedText(List<Run> runs, float widthPerMille) {

    ShapedText {
        runs = List.copyOf(runs);
    }

    /** Advance width in points at the font size. */
    float width(float fontSize) {
        return widthPerMille * fontSize / 1000f;
    }

    /** Characters drawn with one font. */
    record Run(PDType0Font font, String text) {
    }
}
