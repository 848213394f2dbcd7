package io.billkit.domain.invoice;

/**
 * Whether prices (and so the invoice lines) include tax.
 * <ul>
 *   <li>{@code EXCLUSIVE}: lines are net; tax is added on top ({@code total = net + tax}).</li>
 *   <li>{@code INCLUSIVE}: lines are gross; the tax they contain is extracted
 *       ({@code tax = gross x rate / (1 + rate)}, rounded once) and {@code total = gross}.</li>
 * </ul>
 */
public enum TaxInclusion {
    EXCLUSIVE,
    INCLUSIVE
}
