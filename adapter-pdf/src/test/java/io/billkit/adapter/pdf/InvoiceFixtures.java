package io.billkit.adapter.pdf;

import io.billkit.application.port.out.InvoiceDocument;
import io.billkit.application.port.out.InvoiceDocument.Line;
import io.billkit.application.port.out.InvoiceDocument.Party;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.RoundingPolicy;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Invoices to render in tests, priced from the apex seed catalog's Growth plan. */
final class InvoiceFixtures {

    static final LocalDate PERIOD_START = LocalDate.of(2026, 7, 1);
    static final LocalDate PERIOD_END = LocalDate.of(2026, 7, 31);
    static final LocalDate ISSUED = LocalDate.of(2026, 8, 1);
    static final LocalDate DUE = ISSUED.plusDays(30);

    private static final Catalog APEX = SeedCatalogs.apex();
    private static final Plan GROWTH = APEX.requirePlan(PlanCode.of("growth"));

    private InvoiceFixtures() {
    }

    static Party seller(byte[] logo) {
        return new Party("BillKit Demo Inc.", List.of("100 Market Street, Suite 300", "San Francisco, CA 94105",
                "United States"), "billing@billkit.example", logo);
    }

    static Party customer() {
        return new Party("Acme Analytics Ltd.", List.of("Attn: Accounts Payable", "12 Harbour Road",
                "Dublin D02 XY45", "Ireland"), "ap@acme-analytics.example", new byte[0]);
    }

    /** Growth base fee, 12.5M impressions (2.5M over) and 1.2M API calls (200K over), 20 % tax. */
    static List<Line> apexGrowthLines() {
        Money base = GROWTH.basePrice();
        Line baseFee = new Line("Growth plan – monthly base fee", "1",
                Amounts.format(base), base);
        Line impressions = overage("Ad impressions overage (12,500,000 used, 10,000,000 included)",
                SeedCatalogs.IMPRESSIONS, 12_500_000L,
                "USD 0.50 / 1,000");
        Line apiCalls = overage("API calls overage (1,200,000 used, 1,000,000 included)", SeedCatalogs.API_CALLS,
                1_200_000L, "USD 0.10 / 1,000");
        return List.of(baseFee, impressions, apiCalls);
    }

    private static Line overage(String description, MeterKey meter, long used,
                                String unitPrice) {
        MeterTerms terms = GROWTH.requireTerms(meter);
        BigDecimal billable = terms.billableUnits(BigDecimal.valueOf(used));
        Money amount = RoundingPolicy.PER_LINE_HALF_UP.round(terms.overagePrice().exactAmount(billable),
                GROWTH.currency());
        return new Line(description, String.format(Locale.US, "%,d", billable.longValueExact()),
                unitPrice, amount);
    }

    static InvoiceDocument apexGrowthInvoice(byte[] logo) {
        return invoice(seller(logo), customer(), "OPEN", apexGrowthLines());
    }

    /** An invoice over {@code lines} with 20 % tax and no credits; totals computed from the lines. */
    static InvoiceDocument invoice(Party seller, Party customer, String status, List<Line> lines) {
        Money subtotal = Money.zero("USD");
        for (Line line : lines) {
            subtotal = subtotal.plus(line.amount());
        }
        Money credits = Money.zero("USD");
        Money tax = RoundingPolicy.PER_LINE_HALF_UP.round(subtotal.amount().multiply(new BigDecimal("0.20")),
                subtotal.currency());
        Money total = subtotal.plus(credits).plus(tax);
        Money amountDue = "PAID".equals(status) || "VOID".equals(status) ? Money.zero("USD") : total;
        return new InvoiceDocument("inv_01J2DEMO0000000000000042", seller, customer, "INV-2026-000042", status,
                ISSUED, DUE, PERIOD_START, PERIOD_END, lines, subtotal, credits, tax, "Tax (20%)", total,
                amountDue, "Net 30");
    }

    /** {@code count} lines "Line item 001 ..." with amounts USD 1.01, 2.02, ... */
    static List<Line> numberedLines(int count) {
        List<Line> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Money amount = Money.ofMinor(101L * i, Money.currency("USD"));
            lines.add(new Line(String.format("Line item %03d: usage of meter api_calls", i), String.valueOf(i),
                    "USD 1.01", amount));
        }
        return lines;
    }

    /** A small logo drawn from shapes only (no text, so no dependence on the machine's fonts). */
    static byte[] logo(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(0x1f, 0x3a, 0x5f));
            g.fillRoundRect(0, 0, height, height, height / 3, height / 3);
            g.setColor(new Color(0x3f, 0xa7, 0x7a));
            int bar = Math.max(2, height / 8);
            for (int i = 0; i < 3; i++) {
                int barHeight = height * (i + 2) / 6;
                g.fillRect(height / 5 + i * (bar + bar / 2), height - height / 6 - barHeight, bar, barHeight);
            }
            g.setColor(new Color(0x1f, 0x3a, 0x5f));
            g.fillRect(height + height / 4, height / 3, width - height - height / 2, height / 8);
            g.fillRect(height + height / 4, height / 2 + height / 12, (width - height) / 2, height / 10);
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
