package io.billkit.adapter.postgres;

import io.billkit.application.port.out.CustomerStore;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.customer.TaxId;
import io.billkit.domain.customer.TaxIdType;
import io.billkit.domain.customer.TaxProfile;
import io.billkit.domain.money.Money;
import org.jdbi.v3.core.statement.StatementContext;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link CustomerStore} on the {@code customers} table. */
final class PostgresCustomerStore implements CustomerStore {
    private final JdbiTransactions tx;

    PostgresCustomerStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** A {@code customers} row. */
    record CustomerRow(String id, String name, String email, String timeZone, BigDecimal taxRate,
                       int paymentTermsDays, String address, String taxIdType, String taxId, String taxCountry,
                       String taxRegion, boolean taxExempt, String currency) {
        static CustomerRow of(Customer c) {
            return new CustomerRow(c.id().value(), c.name(), c.email(), c.timeZone().getId(), c.taxRate(),
                    c.paymentTermsDays(), c.address(), c.taxId().map(t -> t.type().name()).orElse(null),
                    c.taxId().map(TaxId::value).orElse(null), c.taxProfile().country().orElse(null),
                    c.taxProfile().region().orElse(null), c.taxProfile().exempt(),
                    c.currency().map(java.util.Currency::getCurrencyCode).orElse(null));
        }

        static CustomerRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new CustomerRow(rs.getString("id"), rs.getString("name"), rs.getString("email"),
                    rs.getString("time_zone"), rs.getBigDecimal("tax_rate"), rs.getInt("payment_terms_days"),
                    rs.getString("address"), rs.getString("tax_id_type"), rs.getString("tax_id"),
                    rs.getString("tax_country"), rs.getString("tax_region"), rs.getBoolean("tax_exempt"),
                    rs.getString("currency"));
        }

        Customer toDomain() {
            return new Customer(CustomerId.of(id), name, email, ZoneId.of(timeZone), taxRate, paymentTermsDays, address,
                    taxId == null ? Optional.empty() : Optional.of(TaxId.of(TaxIdType.valueOf(taxIdType), taxId)),
                    new TaxProfile(Optional.ofNullable(taxCountry), Optional.ofNullable(taxRegion), taxExempt),
                    Optional.ofNullable(currency).map(Money::currency));
        }
    }

    private static final String COLUMNS = "id, name, email, time_zone, tax_rate, payment_terms_days, address, tax_id_type, tax_id,"
            + " tax_country, tax_region, tax_exempt, currency";

    @Override
    public void save(Customer customer) {
        CustomerRow row = CustomerRow.of(Objects.requireNonNull(customer, "customer"));
        tx.useHandle(RowScope.customer(customer.id()), h -> h.createUpdate("""
                        INSERT INTO customers (id, name, email, time_zone, tax_rate, payment_terms_days, address,
                            tax_id_type, tax_id, tax_country, tax_region, tax_exempt, currency)
                        VALUES (:id, :name, :email, :timeZone, :taxRate, :paymentTermsDays, :address, :taxIdType, :taxId,
                            :taxCountry, :taxRegion, :taxExempt, :currency)
                        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email,
                            time_zone = EXCLUDED.time_zone, tax_rate = EXCLUDED.tax_rate,
                            payment_terms_days = EXCLUDED.payment_terms_days, address = EXCLUDED.address,
                            tax_id_type = EXCLUDED.tax_id_type, tax_id = EXCLUDED.tax_id,
                            tax_country = EXCLUDED.tax_country, tax_region = EXCLUDED.tax_region,
                            tax_exempt = EXCLUDED.tax_exempt, currency = EXCLUDED.currency,
                            updated_at = now()""")
                .bind("id", row.id())
                .bind("name", row.name())
                .bind("email", row.email())
                .bind("timeZone", row.timeZone())
                .bind("taxRate", row.taxRate())
                .bind("paymentTermsDays", row.paymentTermsDays())
                .bind("address", row.address())
                .bind("taxIdType", row.taxIdType())
                .bind("taxId", row.taxId())
                .bind("taxCountry", row.taxCountry())
                .bind("taxRegion", row.taxRegion())
                .bind("taxExempt", row.taxExempt())
                .bind("currency", row.currency())
                .execute());
    }

    @Override
    public Optional<Customer> find(CustomerId id) {
        Objects.requireNonNull(id, "id");
        return tx.withHandle(RowScope.customer(id), h -> h.createQuery("SELECT " + COLUMNS + " FROM customers WHERE id = :id")
                .bind("id", id.value())
                .map(CustomerRow::map)
                .findOne()
                .map(CustomerRow::toDomain));
    }

    @Override
    public List<Customer> all() {
        return tx.withHandle(RowScope.system(), h -> h.createQuery("SELECT " + COLUMNS + " FROM customers ORDER BY id")
                .map(CustomerRow::map)
                .list()).stream().map(CustomerRow::toDomain).toList();
    }
}
