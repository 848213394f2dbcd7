package io.billkit.adapter.pdf;

import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

import java.awt.Color;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * A large, faint, diagonal status word across the page for invoices that are not simply open:
 * PAID (green), VOID and UNCOLLECTIBLE (red), DRAFT (grey). OPEN invoices get no stamp.
 */
final class StatusStamp {

    private static final Color PAID = new Color(0x1b, 0x8a, 0x4a);
    private static final Color VOID = new Color(0xc0, 0x26, 0x26);
    private static final Color DRAFT = new Color(0x80, 0x86, 0x90);
    private static final float MAX_SIZE = 120f;
    private static final float MAX_LENGTH = 560f;
    private static final double ANGLE = Math.toRadians(33);

    private StatusStamp() {
    }

    /** The stamp colour for a status, empty for statuses that get no stamp (OPEN, unknown). */
    static Optional<Color> colorOf(String status) {
        return switch (status.strip().toUpperCase(Locale.ROOT)) {
            case "PAID" -> Optional.of(PAID);
            case "VOID", "UNCOLLECTIBLE" -> Optional.of(VOID);
            case "DRAFT" -> Optional.of(DRAFT);
            default -> Optional.empty();
        };
    }

    static void draw(PageCanvas canvas, String status) throws IOException {
        Optional<Color> color = colorOf(status);
        if (color.isEmpty()) {
            return;
        }
        String word = status.strip().toUpperCase(Locale.ROOT);
        ShapedText shaped = canvas.fonts().shape(word, true);
        float size = Math.min(MAX_SIZE, MAX_LENGTH * 1000f / shaped.widthPerMille());
        float width = shaped.width(size);
        canvas.tagged("P", null, () -> drawWord(canvas.stream(), shaped, color.get(), size, width));
    }

    private static void drawWord(PDPageContentStream stream, ShapedText shaped, Color color, float size, float width)
            throws IOException {
        stream.saveGraphicsState();
        PDExtendedGraphicsState faint = new PDExtendedGraphicsState();
        faint.setNonStrokingAlphaConstant(0.14f);
        stream.setGraphicsStateParameters(faint);
        stream.setNonStrokingColor(color);
        Matrix matrix = Matrix.getRotateInstance(ANGLE, Layout.PAGE.getWidth() / 2f, Layout.PAGE.getHeight() / 2f);
        matrix.translate(-width / 2f, -size * 0.36f);
        stream.beginText();
        stream.setTextMatrix(matrix);
        for (ShapedText.Run run : shaped.runs()) {
            stream.setFont(run.font(), size);
            stream.showText(run.text());
        }
        stream.endText();
        stream.restoreGraphicsState();
    }
}
