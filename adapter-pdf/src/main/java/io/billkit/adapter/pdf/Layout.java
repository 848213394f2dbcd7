package io.billkit.adapter.pdf;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

import java.awt.Color;

/** Page geometry (PDF points, origin bottom-left) and the palette, for A4 portrait. */
final class Layout {

    static final PDRectangle PAGE = PDRectangle.A4;
    static final float LEFT = 48f;
    static final float RIGHT = PAGE.getWidth() - 48f;
    static final float WIDTH = RIGHT - LEFT;
    static final float TOP = PAGE.getHeight() - 46f;
    /** Content never goes below this line; the footer lives under it. */
    static final float BOTTOM = 70f;
    static final float FOOTER_RULE = 52f;
    static final float FOOTER_BASELINE = 38f;

    static final Color INK = new Color(0x22, 0x26, 0x2e);
    static final Color MUTED = new Color(0x6b, 0x72, 0x80);
    static final Color ACCENT = new Color(0x1f, 0x3a, 0x5f);
    static final Color RULE = new Color(0xd8, 0xdc, 0xe3);
    static final Color HEADER_FILL = new Color(0xee, 0xf1, 0xf5);
    static final Color DUE_FILL = new Color(0xe6, 0xec, 0xf4);

    private Layout() {
    }
}
