package io.billkit.adapter.postgres;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * The application's login role {@value PostgresDatabase#APP_ROLE}, managed from the owner's (migration) connection
 * at start: created when missing ({@code LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION}),
 * given its password when it cannot log in with it (or always, for the embedded server, which one process owns), and
 * checked before the pool opens: a role that is superuser, BYPASSRLS, CREATEROLE or a member of any other role is
 * refused (the service does not start), because then {@code SET ROLE} or its attributes would escape row-level
 * security. The password is hashed (SCRAM) by the driver before it is sent
 * ({@link PGConnection#alterUserPassword}), so it never appears in a statement or the server log.
 */
final class AppRole {
    private static final Logger LOG = LoggerFactory.getLogger(AppRole.class);
    private static final String ROLE = PostgresDatabase.APP_ROLE;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AppRole() {
    }

    /** 32 random bytes, base64url: for the embedded server, a new one each start. */
    static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * HMAC-SHA256 of the role's name keyed by the owner's password (base64url): every replica given the same
     * {@code DATABASE_URL} computes the same password, and the owner's password cannot be recovered from it.
     */
    static String derivedPassword(DatabaseUrl owner) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("billkit:" + owner.password().orElse("")).getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            byte[] digest = mac.doFinal(("login role " + ROLE).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Makes {@value PostgresDatabase#APP_ROLE} a restricted login role with {@code password} and answers the
     * pool's connection details (the owner's server and database, the role's login).
     *
     * @param alwaysSetPassword set the password even when a login with it already works (the embedded server,
     *                          whose password changes each start)
     * @throws IllegalStateException when the role has privileges that would bypass row-level security, or the
     *                               owner is the role itself
     */
    static DatabaseUrl ensure(DatabaseUrl owner, String password, boolean alwaysSetPassword) {
        DatabaseUrl app = owner.withCredentials(ROLE, password);
        Jdbi ownerJdbi = Jdbi.create(owner.jdbcUrl(), owner.credentials());
        boolean created = ownerJdbi.withHandle(h -> {
            String me = h.createQuery("SELECT current_user").mapTo(String.class).one();
            if (me.equals(ROLE)) {
                throw new IllegalStateException("DATABASE_URL logs in as " + ROLE + ", the application's restricted "
                        + "role: give the owner that runs the migrations (set BILLKIT_DATABASE_APP_PASSWORD for " + ROLE + ")");
            }
            if (exists(h)) {
                return false;
            }
            try {
                h.execute("CREATE ROLE " + ROLE
                        + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION NOINHERIT");
                LOG.info("Created the application's login role {}", ROLE);
                return true;
            } catch (UnableToExecuteStatementException e) {
                if (exists(h)) {
                    return false; // another replica created it at the same moment
                }
                throw e;
            }
        });
        if (created || alwaysSetPassword || !canLogIn(app)) {
            setPassword(owner, password);
        }
        refuseIfPrivileged(ownerJdbi);
        return app;
    }

    private static boolean exists(Handle h) {
        return h.createQuery("SELECT count(*) > 0 FROM pg_roles WHERE rolname = :role").bind("role", ROLE)
                .mapTo(Boolean.class).one();
    }

    private static void setPassword(DatabaseUrl owner, String password) {
        try (Connection c = DriverManager.getConnection(owner.jdbcUrl(), owner.credentials())) {
            c.createStatement().execute("ALTER ROLE " + ROLE + " LOGIN");
            c.unwrap(PGConnection.class).alterUserPassword(ROLE, password.toCharArray(), null);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the password of the login role " + ROLE + ": " + e.getMessage(), e);
        }
    }

    private static boolean canLogIn(DatabaseUrl app) {
        Properties credentials = app.credentials();
        credentials.setProperty("connectTimeout", "10");
        try (Connection c = DriverManager.getConnection(app.jdbcUrl(), credentials)) {
            return c.isValid(5);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
                return false; // invalid authorization: wrong password, or the role cannot log in
            }
            throw new IllegalStateException("cannot connect as " + ROLE + ": " + e.getMessage(), e);
        }
    }

    private static void refuseIfPrivileged(Jdbi owner) {
        List<String> problems = owner.withHandle(h -> h.createQuery("""
                        SELECT unnest(ARRAY[
                            CASE WHEN r.rolsuper THEN 'SUPERUSER' END,
                            CASE WHEN r.rolbypassrls THEN 'BYPASSRLS' END,
                            CASE WHEN r.rolcreaterole THEN 'CREATEROLE' END,
                            CASE WHEN r.rolreplication THEN 'REPLICATION' END,
                            CASE WHEN EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.member = r.oid)
                                 THEN 'member of another role' END])
                        FROM pg_roles r WHERE r.rolname = :role""")
                .bind("role", ROLE).mapTo(String.class).list()).stream().filter(p -> p != null).toList();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the application role " + ROLE + " must not bypass row-level security, but it"
                    + " has " + String.join(", ", problems) + "; fix the role (ALTER ROLE " + ROLE
                    + " NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOREPLICATION, REVOKE its memberships) and start again");
        }
    }
}
