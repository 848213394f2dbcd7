/**
 * PostgreSQL adapter: BillKit's system of record on Jdbi 3, Flyway and HikariCP.
 *
 * <p>Public entry points: {@link io.billkit.adapter.postgres.PostgresConfig} (where the database is),
 * {@link io.billkit.adapter.postgres.PostgresDatabase} (starts or connects, migrates, pools) and
 * {@link io.billkit.adapter.postgres.PostgresAdapter} (the port implementations, and
 * {@code billingPorts(provider, renderer, webhookSender)} for {@code BillingServices}). Everything else is package-private.
 *
 * <p><b>Row-level security.</b> Customer-owned tables force RLS with the policy
 * {@code billkit_row_visible(customer_id)}: a row is visible when the transaction set
 * {@code billkit.customer_id} to its customer or {@code billkit.scope} to {@code system}. The pool's
 * connections log in as {@code billkit_app} itself (not superuser, not BYPASSRLS; the owner only migrates), so the policies hold for every
 * application statement. Each store call sets both settings for its own transaction through
 * {@code RowScope.applyTo} (transaction-local {@code set_config(.., true)}).
 *
 * <p><b>Adding a store</b> (e.g. a {@code UsageEventStore}):
 * <ol>
 *   <li>Schema: {@code V1__baseline.sql} is the baseline (the unreleased V1 and V2 folded into one, with
 *       the foreign keys of invoices and pending charges to subscriptions and of credit transactions to
 *       grants, and a CHECK on every currency code), later files add to it; changes go in a new
 *       {@code db/migration/V<n>__<what>.sql}, never into an applied one. A new customer-owned table needs
 *       {@code ENABLE} + {@code FORCE ROW LEVEL SECURITY} and
 *       {@code CREATE POLICY customer_rows ON t USING (billkit_row_visible(customer_id))}
 *       ({@code RowLevelSecurityTest} fails otherwise); grants follow from the default privileges.</li>
 *   <li>A package-private {@code PostgresXxxStore implements XxxStore} taking {@code JdbiTransactions};
 *       each method runs {@code tx.withHandle(RowScope.customer(id) | RowScope.system(), h -> ...)} with
 *       explicit SQL, a row record with {@code map(ResultSet, StatementContext)} and {@code toDomain()},
 *       and {@code SqlValues} for instants and JSON.</li>
 *   <li>Decide races in one statement ({@code ON CONFLICT}, conditional {@code UPDATE ... RETURNING}) and
 *       check row counts rather than catching constraint errors: a failed statement aborts the whole
 *       surrounding transaction in PostgreSQL.</li>
 *   <li>Batches bind arrays ({@code bindArray}) and insert from {@code unnest(..)} in key order, so one
 *       statement writes the batch and concurrent batches lock rows in the same order.</li>
 *   <li>Expose it from {@code PostgresAdapter} and run the port's contract in
 *       {@code PostgresStoresContractTest} as another {@code @Nested} class.</li>
 * </ol>
 */
package io.billkit.adapter.postgres;
