package io.billkit.adapter.stripe;

import io.billkit.domain.BillingException;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The one place where BillKit {@link Money} and Stripe's integer amounts meet. Stripe counts in the
 * currency's smallest unit as <em>Stripe</em> defines it: cents for USD, whole yen for JPY, and a
 * few currencies where Stripe differs from ISO 4217 (zero-decimal MGA; ISK sent as two-decimal).
 * Every conversion is exact: an amount that does not fit Stripe's unit (MGA 10.50) or BillKit's
 * (ISK 100.50) is refused with {@code INVALID_ARGUMENT}, never rounded.
 */
final class StripeAmounts {

    /** Stripe's zero-decimal currencies (https://docs.stripe.com/currencies#zero-decimal). */
    private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
            "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    /** Zero-decimal in ISO 4217 but sent to Stripe as two-decimal amounts (multiples of 100). */
    private static final Set<String> TWO_DECIMAL_ON_THE_WIRE = Set.of("ISK");

    private StripeAmounts() {
    }

    /** Decimals of Stripe's smallest unit for {@code currency}. */
    static int stripeDigits(Currency currency) {
        String code = currency.getCurrencyCode();
        if (ZERO_DECIMAL.contains(code)) {
            return 0;
        }
        if (TWO_DECIMAL_ON_THE_WIRE.contains(code)) {
            return 2;
        }
        return Money.minorDigits(currency);
    }

    /** {@code money} as Stripe's integer amount; refuses amounts finer than Stripe's unit. */
    static long toStripe(Money money) {
        Objects.requireNonNull(money, "money");
        int digits = stripeDigits(money.currency());
        try {
            return money.amount().movePointRight(digits).longValueExact();
        } catch (ArithmeticException e) {
            throw BillingException.invalid("amount " + money + " cannot be sent to Stripe exactly: Stripe counts "
                    + money.currencyCode() + " in units of 10^-" + digits);
        }
    }

    /** A Stripe amount in Stripe's currency code ({@code "usd"}) as Money; refuses amounts finer than BillKit's unit. */
    static Money fromStripe(long amount, String stripeCurrency) {
        Objects.requireNonNull(stripeCurrency, "stripeCurrency");
        Currency currency = Money.currency(stripeCurrency);
        return new Money(BigDecimal.valueOf(amount, stripeDigits(currency)), currency);
    }

    /** Stripe's spelling of a currency: lower-case ISO code. */
    static String stripeCurrency(Currency currency) {
        return currency.getCurrencyCode().toLowerCase(Locale.ROOT);
    }
}
