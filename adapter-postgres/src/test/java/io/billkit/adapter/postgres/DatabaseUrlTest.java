package io.billkit.adapter.postgres;

import io.billkit.domain.BillingException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The DATABASE_URL forms BillKit accepts, and the environment it reads. */
class DatabaseUrlTest {

    @Test
    void a_postgresql_url_moves_its_credentials_out_and_keeps_sslmode() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://billing:s3cr%40t%2Fx@db.internal:6543/billkit?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/billkit?sslmode=require");
        assertThat(url.user()).contains("billing");
        assertThat(url.password()).contains("s3cr@t/x");
        assertThat(url.toString()).doesNotContain("s3cr");
    }

    @Test
    void a_heroku_style_postgres_url_without_port_is_accepted() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:p@host/db");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host/db");
        assertThat(url.user()).contains("u");
        assertThat(url.password()).contains("p");
    }

    @Test
    void a_jdbc_url_takes_credentials_from_its_query() {
        DatabaseUrl url = DatabaseUrl.parse(
                "jdbc:postgresql://localhost:5432/billkit?user=app&password=pa%26ss&sslmode=verify-full&ApplicationName=billkit");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/billkit?sslmode=verify-full&ApplicationName=billkit");
        assertThat(url.user()).contains("app");
        assertThat(url.password()).contains("pa&ss");
    }

    @Test
    void a_jdbc_url_without_credentials_leaves_them_to_the_driver_defaults() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://[::1]:5432/billkit");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/billkit");
        assertThat(url.user()).isEmpty();
        assertThat(url.password()).isEmpty();
        assertThat(url.withDatabase("other").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/other");
    }

    @Test
    void other_schemes_and_urls_without_a_database_are_refused() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:secret@h/db"))
                .isInstanceOf(BillingException.class).hasMessageContaining("postgresql://").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u@h:5432"))
                .isInstanceOf(BillingException.class).hasMessageContaining("database name");
    }

    @Test
    void the_environment_selects_an_external_server_or_an_embedded_one_with_its_data_directory() {
        PostgresConfig external = PostgresConfig.fromEnvironment(Map.of("DATABASE_URL", "postgresql://u:p@h/db",
                "BILLKIT_POSTGRES_POOL_SIZE", "20"));
        assertThat(external.databaseUrl()).contains("postgresql://u:p@h/db");
        assertThat(external.maxPoolSize()).isEqualTo(20);

        PostgresConfig embedded = PostgresConfig.fromEnvironment(Map.of("DATABASE_URL", " "));
        assertThat(embedded.databaseUrl()).isEqualTo(Optional.empty());
        assertThat(embedded.dataDirectory()).isEqualTo(Path.of("data", "postgres"));
        assertThat(PostgresConfig.fromEnvironment(Map.of("BILLKIT_POSTGRES_DATA_DIR", "/var/lib/billkit")).dataDirectory())
                .isEqualTo(Path.of("/var/lib/billkit"));
        assertThatThrownBy(() -> PostgresConfig.fromEnvironment(Map.of("BILLKIT_POSTGRES_POOL_SIZE", "many")))
                .isInstanceOf(BillingException.class).hasMessageContaining("BILLKIT_POSTGRES_POOL_SIZE");
    }

    @Test
    void a_refused_url_is_reported_without_its_password() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DatabaseUrl.parse("mysql://host/db?user=app&password=hunter2&ssl=true"))
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("hunter2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DatabaseUrl.parse("mysql://app:hunter2@host/db"))
                .hasMessageNotContaining("hunter2");
    }
}
