package io.billkit.adapter.pdf;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextWrapperTest {

    /** One point per code point. */
    private static final TextWrapper.Measure CHARS = line -> line.codePointCount(0, line.length());

    @Test
    void breaks_at_spaces_when_a_line_is_too_wide() throws IOException {
        assertThat(TextWrapper.wrap("usage of meter api calls", 10, CHARS))
                .containsExactly("usage of", "meter api", "calls");
    }

    @Test
    void breaks_inside_a_word_longer_than_the_line_which_also_breaks_cjk() throws IOException {
        assertThat(TextWrapper.wrap("株式会社テスト", 3, CHARS)).containsExactly("株式会", "社テス", "ト");
    }

    @Test
    void explicit_line_breaks_start_new_lines_and_empty_text_is_one_empty_line() throws IOException {
        assertThat(TextWrapper.wrap("first\nsecond", 50, CHARS)).containsExactly("first", "second");
        assertThat(TextWrapper.wrap("", 50, CHARS)).isEqualTo(List.of(""));
    }

    @Test
    void surrogate_pairs_are_never_split() throws IOException {
        assertThat(TextWrapper.wrap("\uD83E\uDD84\uD83E\uDD84\uD83E\uDD84", 2, CHARS))
                .containsExactly("\uD83E\uDD84\uD83E\uDD84", "\uD83E\uDD84");
    }
}
