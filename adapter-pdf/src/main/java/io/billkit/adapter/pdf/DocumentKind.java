package io.billkit.adapter.pdf;

/**
 * What a rendered document is: an invoice, or a credit note (the same layout, titled "CREDIT NOTE", its number
 * labelled as such, and "Total credited" where an invoice prints "Amount due").
 */
enum DocumentKind {
    INVOICE("INVOICE", "Invoice", "Invoice number", "Amount due"),
    CREDIT_NOTE("CREDIT NOTE", "Credit note", "Credit note number", "Total credited");

    final String heading;
    final String name;
    final String numberLabel;
    final String dueLabel;

    DocumentKind(String heading, String name, String numberLabel, String dueLabel) {
        this.heading = heading;
        this.name = name;
        this.numberLabel = numberLabel;
        this.dueLabel = dueLabel;
    }
}
