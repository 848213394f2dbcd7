package io.billkit.bootstrap;

import io.billkit.application.port.out.provider.ProviderInvoiceStatus;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.out.provider.ProviderInvoice;
import io.billkit.application.port.out.provider.ProviderInvoiceItem;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPaymentProviderTest {
    private final SettableClock clock = SettableClock.at("2026-03-10T12:00:00Z");

    @Test
    void ids_do_not_repeat_across_instances_so_a_restart_cannot_reuse_a_stored_reference() {
        String first = new LocalPaymentProvider(clock).createCustomer("acme", "Acme", "a@acme.test", "k1").id();
        String afterRestart = new LocalPaymentProvider(clock).createCustomer("globex", "Globex", "g@globex.test", "k1").id();

        assertThat(first).startsWith("cus_local_").isNotEqualTo(afterRestart);
    }

    @Test
    void the_same_idempotency_key_returns_the_first_result() {
        LocalPaymentProvider provider = new LocalPaymentProvider(clock);

        String once = provider.createSubscription("cus_1", PlanCode.of("growth"), Optional.empty(), "sub-key").id();
        String again = provider.createSubscription("cus_1", PlanCode.of("growth"), Optional.empty(), "sub-key").id();

        assertThat(again).isEqualTo(once);
    }

    @Test
    void an_invoice_is_created_open_and_paying_it_moves_the_total_to_paid() {
        LocalPaymentProvider provider = new LocalPaymentProvider(clock);
        ProviderInvoice open = provider.createInvoice("cus_1", List.of(new ProviderInvoiceItem("Growth", Money.of("499.00", "USD")),
                new ProviderInvoiceItem("API calls", Money.of("12.50", "USD"))), LocalDate.parse("2026-04-10"), Map.of(), "inv-key");

        ProviderInvoice paid = provider.payInvoice(open.id(), "pay-key");

        assertThat(open.status()).isEqualTo(ProviderInvoiceStatus.OPEN);
        assertThat(open.total()).isEqualTo(Money.of("511.50", "USD"));
        assertThat(paid.status()).isEqualTo(ProviderInvoiceStatus.PAID);
        assertThat(paid.amountPaid()).isEqualTo(Money.of("511.50", "USD"));
        assertThat(paid.amountDue().isZero()).isTrue();
    }

    @Test
    void objects_from_before_a_restart_are_acknowledged_instead_of_failing() {
        LocalPaymentProvider provider = new LocalPaymentProvider(clock);

        assertThat(provider.updateCustomer("cus_mock1", "Demo", "d@demo.test", "u").id()).isEqualTo("cus_mock1");
        assertThat(provider.cancelSubscription("sub_old", true, "c").cancelAtPeriodEnd()).isTrue();
        assertThat(provider.voidInvoice("in_old", "v").status()).isEqualTo(ProviderInvoiceStatus.VOID);
    }
}
