package io.billkit.adapter.pdf;

import io.billkit.application.port.out.InvoiceDocument.Line;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The line-item table: description (wrapped), quantity, unit price and amount (right-aligned). Rows
 * that do not fit move to the next page, whose table header is repeated; a row taller than a whole
 * page is split between pages.
 */
final class LineItemTable {

    private static final float PAD_X = 6f;
    private static final float PAD_Y = 5f;
    private static final float LEADING = 12f;
    private static final float HEADER_HEIGHT = 20f;
    private static final TextStyle CELL = TextStyle.regular(9f);
    private static final TextStyle HEAD = TextStyle.bold(8.5f).colored(Layout.ACCENT);

    /** Column widths; the description takes what the numbers leave. */
    private static final float QUANTITY_WIDTH = 72f;
    private static final float UNIT_PRICE_WIDTH = 104f;
    private static final float AMOUNT_WIDTH = 90f;
    static final float AMOUNT_RIGHT = Layout.RIGHT - PAD_X;
    private static final float UNIT_PRICE_RIGHT = Layout.RIGHT - AMOUNT_WIDTH - PAD_X;
    private static final float QUANTITY_RIGHT = UNIT_PRICE_RIGHT - UNIT_PRICE_WIDTH;
    private static final float DESCRIPTION_WIDTH =
            Layout.WIDTH - QUANTITY_WIDTH - UNIT_PRICE_WIDTH - AMOUNT_WIDTH - 2 * PAD_X;

    private int lastPageWithRows;

    void drawHeader(PageFlow flow) throws IOException {
        PageCanvas canvas = flow.canvas();
        float top = flow.y();
        canvas.fill(Layout.LEFT, top - HEADER_HEIGHT, Layout.WIDTH, HEADER_HEIGHT, Layout.HEADER_FILL);
        float baseline = top - 13.5f;
        canvas.text("Description", Layout.LEFT + PAD_X, baseline, HEAD);
        canvas.textRight("Quantity", QUANTITY_RIGHT, baseline, HEAD);
        canvas.textRight("Unit price", UNIT_PRICE_RIGHT, baseline, HEAD);
        canvas.textRight("Amount", AMOUNT_RIGHT, baseline, HEAD);
        flow.moveDown(HEADER_HEIGHT);
    }

    void drawRows(PageFlow flow, List<Line> lines) throws IOException {
        for (Line line : lines) {
            drawRow(flow, cells(flow.canvas(), line));
            for (io.billkit.application.port.out.InvoiceDocument.Detail detail : line.details()) {
                PageCanvas canvas = flow.canvas();
                List<List<String>> cells = new ArrayList<>(4);
                cells.add(wrap(canvas, "    " + detail.description(), DESCRIPTION_WIDTH - PAD_X));
                cells.add(wrap(canvas, detail.quantity(), QUANTITY_WIDTH - PAD_X));
                cells.add(wrap(canvas, detail.unitPrice(), UNIT_PRICE_WIDTH - PAD_X));
                cells.add(wrap(canvas, detail.amount(), AMOUNT_WIDTH - PAD_X));
                drawRow(flow, cells);
            }
        }
    }

    private void drawRow(PageFlow flow, List<List<String>> cells) throws IOException {
        int rowLines = cells.stream().mapToInt(List::size).max().orElse(1);
        int from = 0;
        while (from < rowLines) {
            int room = (int) Math.floor((flow.y() - Layout.BOTTOM - 2 * PAD_Y) / LEADING);
            int remaining = rowLines - from;
            if (room >= remaining) {
                drawSlice(flow, cells, from, remaining);
                return;
            }
            if (lastPageWithRows == flow.pageNumber() || room < 1) {
                flow.newPage(); // keep the row whole on the next page
                continue;
            }
            drawSlice(flow, cells, from, room); // taller than a page: split it
            from += room;
            flow.newPage();
        }
    }

    private void drawSlice(PageFlow flow, List<List<String>> cells, int from, int count) throws IOException {
        PageCanvas canvas = flow.canvas();
        float top = flow.y();
        float height = 2 * PAD_Y + count * LEADING;
        for (int i = 0; i < count; i++) {
            float baseline = top - PAD_Y - CELL.size() - i * LEADING;
            int index = from + i;
            cell(cells.get(0), index).ifPresentText(t -> canvas.text(t, Layout.LEFT + PAD_X, baseline, CELL));
            cell(cells.get(1), index).ifPresentText(t -> canvas.textRight(t, QUANTITY_RIGHT, baseline, CELL));
            cell(cells.get(2), index).ifPresentText(t -> canvas.textRight(t, UNIT_PRICE_RIGHT, baseline, CELL));
            cell(cells.get(3), index).ifPresentText(t -> canvas.textRight(t, AMOUNT_RIGHT, baseline, CELL));
        }
        canvas.rule(Layout.LEFT, Layout.RIGHT, top - height, 0.5f, Layout.RULE);
        flow.moveDown(height);
        lastPageWithRows = flow.pageNumber();
    }

    private static List<List<String>> cells(PageCanvas canvas, Line line) throws IOException {
        List<List<String>> cells = new ArrayList<>(4);
        cells.add(wrap(canvas, line.description(), DESCRIPTION_WIDTH - PAD_X));
        cells.add(wrap(canvas, line.quantity(), QUANTITY_WIDTH - PAD_X));
        cells.add(wrap(canvas, line.unitPrice(), UNIT_PRICE_WIDTH - PAD_X));
        cells.add(wrap(canvas, Amounts.format(line.amount()), AMOUNT_WIDTH - PAD_X));
        return cells;
    }

    private static List<String> wrap(PageCanvas canvas, String text, float width) throws IOException {
        return TextWrapper.wrap(text, width, line -> canvas.width(line, CELL));
    }

    private static CellText cell(List<String> lines, int index) {
        return new CellText(index < lines.size() ? lines.get(index) : "");
    }

    /** One line of one cell; empty when the cell has fewer lines than the row. */
    private record CellText(String text) {
        void ifPresentText(TextAction action) throws IOException {
            if (!text.isEmpty()) {
                action.draw(text);
            }
        }
    }

    @FunctionalInterface
    private interface TextAction {
        void draw(String text) throws IOException;
    }
}
