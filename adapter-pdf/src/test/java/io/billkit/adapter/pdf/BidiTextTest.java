package io.billkit.adapter.pdf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BidiTextTest {

    @Test
    void left_to_right_text_is_unchanged() {
        assertThat(BidiText.toVisual("Zoë Ångström (Göteborg)")).isEqualTo("Zoë Ångström (Göteborg)");
    }

    @Test
    void hebrew_is_reversed_into_visual_order() {
        assertThat(BidiText.toVisual("שלום")).isEqualTo("םולש");
    }

    @Test
    void a_hebrew_word_inside_latin_text_is_reversed_in_place() {
        assertThat(BidiText.toVisual("Order שלום today")).isEqualTo("Order םולש today");
    }

    @Test
    void a_number_after_hebrew_joins_the_right_to_left_run_as_the_bidi_algorithm_says() {
        assertThat(BidiText.toVisual("Order שלום 42")).isEqualTo("Order 42 םולש");
    }

    @Test
    void brackets_in_right_to_left_text_are_mirrored_and_numbers_keep_their_order() {
        // Logical: shalom, space, (42), space, olam. Visual, right to left paragraph:
        // olam reversed, then the number run left to right, then shalom reversed.
        assertThat(BidiText.toVisual("שלום (42) עולם")).isEqualTo("םלוע (42) םולש");
    }
}
