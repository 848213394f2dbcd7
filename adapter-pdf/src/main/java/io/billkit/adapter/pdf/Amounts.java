package io.billkit.adapter.pdf;

import io.billkit.domain.money.Money;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Prints money as {@code USD 1,250.00}: ISO code, grouped thousands, the currency's minor digits. */
final class Amounts {

    private Amounts() {
    }

    static String format(Money money) {
        int digits = Money.minorDigits(money.currency());
        String pattern = digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits);
        DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US));
        format.setRoundingMode(RoundingMode.UNNECESSARY);
        return money.currencyCode() + " " + format.format(money.amount());
    }
}
