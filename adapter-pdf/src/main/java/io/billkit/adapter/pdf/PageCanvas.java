package io.billkit.adapter.pdf;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.awt.Color;
import java.io.Closeable;
import java.io.IOException;

/** Drawing primitives on one page: shaped text, rules, filled boxes and images. */
final class PageCanvas implements Closeable {

    private final PDPageContentStream stream;
    private final DocumentFonts fonts;

    PageCanvas(PDDocument document, PDPage page, DocumentFonts fonts, PDPageContentStream.AppendMode mode)
            throws IOException {
        this.stream = new PDPageContentStream(document, page, mode, true, true);
        this.fonts = fonts;
    }

    DocumentFonts fonts() {
        return fonts;
    }

    PDPageContentStream stream() {
        return stream;
    }

    float width(String line, TextStyle style) throws IOException {
        return fonts.width(line, style.bold(), style.size());
    }

    /** Draws one line with its left edge at {@code x} and baseline at {@code y}; returns its width. */
    float text(String line, float x, float y, TextStyle style) throws IOException {
        ShapedText shaped = fonts.shape(line, style.bold());
        draw(shaped, x, y, style);
        return shaped.width(style.size());
    }

    /** Draws one line with its right edge at {@code right}. */
    void textRight(String line, float right, float y, TextStyle style) throws IOException {
        ShapedText shaped = fonts.shape(line, style.bold());
        draw(shaped, right - shaped.width(style.size()), y, style);
    }

    private void draw(ShapedText shaped, float x, float y, TextStyle style) throws IOException {
        if (shaped.runs().isEmpty()) {
            return;
        }
        stream.setNonStrokingColor(style.color());
        stream.beginText();
        stream.newLineAtOffset(x, y);
        for (ShapedText.Run run : shaped.runs()) {
            stream.setFont(run.font(), style.size());
            stream.showText(run.text());
        }
        stream.endText();
    }

    void fill(float x, float y, float width, float height, Color color) throws IOException {
        stream.setNonStrokingColor(color);
        stream.addRect(x, y, width, height);
        stream.fill();
    }

    void rule(float x1, float x2, float y, float lineWidth, Color color) throws IOException {
        stream.setStrokingColor(color);
        stream.setLineWidth(lineWidth);
        stream.moveTo(x1, y);
        stream.lineTo(x2, y);
        stream.stroke();
    }

    void image(PDImageXObject image, float x, float y, float width, float height) throws IOException {
        stream.drawImage(image, x, y, width, height);
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
