package io.billkit.adapter.pdf;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fallback font chains of one document. Shapes text: bidi reordering ({@link BidiText}), then per
 * code point the first font that has a glyph, split into runs by font. Characters no font has (an emoji
 * such as U+1F389) are drawn as U+FFFD, the replacement character, rather than failing the whole invoice
 * or passing for a {@code ?}; control characters become spaces and
 * invisible format characters (bidi marks, zero-width joiners) are dropped.
 */
final class DocumentFonts implements Closeable {

    /** U+FFFD REPLACEMENT CHARACTER: visibly not the character asked for (DejaVu Sans has a glyph). */
    static final int REPLACEMENT = 0xFFFD;

    private final List<FontFace> regular;
    private final List<FontFace> bold;
    private final List<TrueTypeFont> parsed = new ArrayList<>();

    DocumentFonts(PDDocument document, FontBundle bundle) throws IOException {
        Map<byte[], FontFace> byFile = new IdentityHashMap<>();
        this.regular = faces(document, bundle.chain(false), byFile);
        this.bold = faces(document, bundle.chain(true), byFile);
    }

    private List<FontFace> faces(PDDocument document, List<byte[]> files, Map<byte[], FontFace> byFile)
            throws IOException {
        List<FontFace> faces = new ArrayList<>();
        for (byte[] file : files) {
            FontFace face = byFile.get(file);
            if (face == null) {
                TrueTypeFont trueType = new TTFParser().parse(new RandomAccessReadBuffer(file));
                parsed.add(trueType);
                face = new FontFace(document, trueType);
                byFile.put(file, face);
            }
            faces.add(face);
        }
        return List.copyOf(faces);
    }

    /** {@code line} (one line, logical order) shaped for drawing. */
    ShapedText shape(String line, boolean boldWeight) throws IOException {
        List<FontFace> chain = boldWeight ? bold : regular;
        String visual = BidiText.toVisual(sanitize(line));
        List<ShapedText.Run> runs = new ArrayList<>();
        float width = 0;
        FontFace current = null;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < visual.length(); ) {
            int codePoint = visual.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.getType(codePoint) == Character.FORMAT) {
                continue;
            }
            FontFace face = current != null && Character.isSpaceChar(codePoint) && current.covers(codePoint)
                    ? current : faceFor(chain, codePoint);
            if (face == null) {
                codePoint = REPLACEMENT;
                face = faceFor(chain, REPLACEMENT);
                if (face == null) {
                    codePoint = '?';
                    face = chain.get(0);
                }
            }
            if (face != current && text.length() > 0) {
                width += add(runs, current, text.toString());
                text.setLength(0);
            }
            current = face;
            text.appendCodePoint(codePoint);
        }
        if (text.length() > 0) {
            width += add(runs, current, text.toString());
        }
        return new ShapedText(runs, width);
    }

    /** Advance width of {@code line} in points. */
    float width(String line, boolean boldWeight, float fontSize) throws IOException {
        return shape(line, boldWeight).width(fontSize);
    }

    private static float add(List<ShapedText.Run> runs, FontFace face, String text) throws IOException {
        ShapedText.Run run = new ShapedText.Run(face.pdfFont(), text);
        runs.add(run);
        return run.font().getStringWidth(text);
    }

    private static FontFace faceFor(List<FontFace> chain, int codePoint) {
        for (FontFace face : chain) {
            if (face.covers(codePoint)) {
                return face;
            }
        }
        return null;
    }

    private static String sanitize(String line) {
        StringBuilder out = new StringBuilder(line.length());
        line.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (TrueTypeFont trueType : parsed) {
            try {
                trueType.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
