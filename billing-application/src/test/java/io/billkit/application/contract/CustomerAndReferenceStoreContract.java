package io.billkit.application.contract;

import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link CustomerStore} and {@link ProviderReferenceStore} must do. */
public abstract class CustomerAndReferenceStoreContract {

    protected abstract CustomerStore customers();

    protected abstract ProviderReferenceStore references();

    @Test
    void a_customer_round_trips_with_its_tax_profile_vat_id_and_billing_currency() {
        Customer customer = Customer.of(CustomerId.of("cus_berlin_gmbh"), "Berlin GmbH", "ap@berlin.example")
                .withTaxId(io.billkit.domain.customer.TaxId.vat("DE123456789"))
                .withTaxProfile(io.billkit.domain.customer.TaxProfile.in("US", "CA").asExempt(true))
                .withCurrency(java.util.Currency.getInstance("JPY"));
        customers().save(customer);
        Customer read = customers().find(customer.id()).orElseThrow();
        assertThat(read.taxProfile()).isEqualTo(customer.taxProfile());
        assertThat(read.taxId()).isEqualTo(customer.taxId());
        assertThat(read.currency()).contains(java.util.Currency.getInstance("JPY"));
        customers().save(read.withTaxProfile(io.billkit.domain.customer.TaxProfile.none()));
        assertThat(customers().find(customer.id()).orElseThrow().taxProfile())
                .isEqualTo(io.billkit.domain.customer.TaxProfile.none());
    }

    @Test
    void a_customer_round_trips_with_its_zone_tax_and_terms() {
        Customer customer = Customer.of(CustomerId.of("cus_zoe"), "Zoë Ångström", "zoe@example.com")
                .withTimeZone(ZoneId.of("Pacific/Kiritimati")).withTaxRate(new BigDecimal("0.2000"))
                .withPaymentTermsDays(14).withAddress("1 Rue de la Paix\n75002 Paris");
        customers().save(customer);
        Customer read = customers().find(CustomerId.of("cus_zoe")).orElseThrow();
        assertThat(read.name()).isEqualTo("Zoë Ångström");
        assertThat(read.timeZone()).isEqualTo(ZoneId.of("Pacific/Kiritimati"));
        assertThat(read.taxRate()).isEqualByComparingTo("0.2");
        assertThat(read.paymentTermsDays()).isEqualTo(14);
        assertThat(read.address()).isEqualTo("1 Rue de la Paix\n75002 Paris");
        customers().save(read.withPaymentTermsDays(30));
        assertThat(customers().find(CustomerId.of("cus_zoe")).orElseThrow().paymentTermsDays()).isEqualTo(30);
        assertThat(customers().all()).extracting(Customer::id).contains(CustomerId.of("cus_zoe"));
        assertThat(customers().find(CustomerId.of("cus_nobody"))).isEmpty();
    }

    @Test
    void a_customer_keeps_its_tax_id_and_loses_it_when_saved_without() {
        Customer customer = Customer.of(CustomerId.of("cus_jp"), "株式会社サンプル", "ap@sample.example")
                .withAddressLines(java.util.List.of("1-2-3 Marunouchi", "Chiyoda-ku, Tokyo 100-0005", "Japan"))
                .withTaxId(io.billkit.domain.customer.TaxId.japanRegistration("T1234567890123"));
        customers().save(customer);
        Customer read = customers().find(CustomerId.of("cus_jp")).orElseThrow();
        assertThat(read.taxId()).contains(io.billkit.domain.customer.TaxId.japanRegistration("T1234567890123"));
        assertThat(read.addressLines()).containsExactly("1-2-3 Marunouchi", "Chiyoda-ku, Tokyo 100-0005", "Japan");
        customers().save(new Customer(read.id(), read.name(), read.email(), read.timeZone(), read.taxRate(),
                read.paymentTermsDays(), read.address()));
        assertThat(customers().find(CustomerId.of("cus_jp")).orElseThrow().taxId()).isEmpty();
    }

    @Test
    void references_link_both_ways_and_refuse_a_second_provider_id() {
        ProviderReferenceStore refs = references();
        refs.link("customer", "cus_1", "cus_Stripe1");
        refs.link("customer", "cus_1", "cus_Stripe1");
        assertThat(refs.providerId("customer", "cus_1")).contains("cus_Stripe1");
        assertThat(refs.localId("customer", "cus_Stripe1")).contains("cus_1");
        assertThat(refs.providerId("invoice", "cus_1")).isEmpty();
        assertThatThrownBy(() -> refs.link("customer", "cus_1", "cus_Stripe2")).isInstanceOf(BillingException.class);
    }
}
