package io.billkit.adapter.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The TrueType fonts shipped under {@code io/billkit/adapter/pdf/fonts/}, read once into memory.
 * Immutable and shared by all renders; each render parses its own {@link DocumentFonts} from these
 * bytes, so renders can run on several threads at once.
 *
 * <p>Per character the first font in the chain that has a glyph wins: DejaVu Sans covers Latin,
 * Greek, Cyrillic and Hebrew; Droid Sans Fallback covers Chinese, Japanese and Korean.
 */
final class FontBundle {

    private static final String DIR = "/io/billkit/adapter/pdf/fonts/";

    private final List<byte[]> regularChain;
    private final List<byte[]> boldChain;

    private FontBundle(List<byte[]> regularChain, List<byte[]> boldChain) {
        this.regularChain = regularChain;
        this.boldChain = boldChain;
    }

    static FontBundle shipped() {
        byte[] dejaVu = read("DejaVuSans.ttf");
        byte[] dejaVuBold = read("DejaVuSans-Bold.ttf");
        byte[] droid = read("DroidSansFallbackFull.ttf");
        // Droid has no bold face: bold CJK falls back to the regular weight.
        return new FontBundle(List.of(dejaVu, droid), List.of(dejaVuBold, droid));
    }

    /** Font files for the weight, in fallback order (never empty). */
    List<byte[]> chain(boolean bold) {
        return bold ? boldChain : regularChain;
    }

    private static byte[] read(String file) {
        try (InputStream in = FontBundle.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("font resource missing from the classpath: " + DIR + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font resource " + DIR + file, e);
        }
    }
}
