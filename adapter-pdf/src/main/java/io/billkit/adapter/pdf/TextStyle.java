package io.billkit.adapter.pdf;

import java.awt.Color;

/** Weight, size (points) and colour of a piece of text. */
record TextStyle(boolean bold, float size, Color color) {

    static TextStyle regular(float size) {
        return new TextStyle(false, size, Layout.INK);
    }

    static TextStyle bold(float size) {
        return new TextStyle(true, size, Layout.INK);
    }

    TextStyle colored(Color newColor) {
        return new TextStyle(bold, size, newColor);
    }
}
