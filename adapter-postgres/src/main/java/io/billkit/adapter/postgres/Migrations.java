package io.billkit.adapter.postgres;

import org.flywaydb.core.Flyway;

/** BillKit's Flyway setup: scripts {@code V<n>__<what>.sql} in {@code classpath:db/migration}. */
final class Migrations {
    static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /** A Flyway instance migrating the database at {@code url} as its (owner) user. */
    static Flyway flyway(DatabaseUrl url) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(url.jdbcUrl(), url.userOrNull(), url.passwordOrNull())
                .locations(LOCATION)
                .validateMigrationNaming(true)
                .load();
    }
}
