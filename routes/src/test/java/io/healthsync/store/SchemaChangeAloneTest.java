package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A schema change (a backfill's set-aside indexes dropped or built) overlaps no transaction of the store: on H2 an
 * insert that takes an identity value while an index is built fails after 2 s, so a page of a source pulled on its
 * own schedule must wait for the build instead. A pause inside the database (an H2 function) stands for the build.
 */
public class SchemaChangeAloneTest {

    private static volatile CountDownLatch entered;
    private static volatile CountDownLatch release;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    /** Called by H2 as PAUSE(): tells the test it runs, then holds its statement until released. */
    public static int pause() throws InterruptedException {
        entered.countDown();
        if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the pause");
        }
        return 1;
    }

    @AfterEach
    void stopThreads() {
        release.countDown();
        threads.shutdownNow();
    }

    @Test
    void a_transaction_begun_during_a_schema_change_waits_for_it_and_then_stores_its_rows() throws Exception {
        try (HikariDataSource dataSource = memoryDatabase()) {
            Jdbc jdbc = tableWithIdentity(dataSource);
            CompletableFuture<Void> build = CompletableFuture.runAsync(
                    () -> jdbc.executeAlone(List.of("CALL PAUSE()")), threads);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Integer> page = CompletableFuture.supplyAsync(() -> jdbc.inTransaction(
                    connection -> connection.createStatement().executeUpdate("INSERT INTO change_log (v) VALUES ('page')")),
                    threads);
            Thread.sleep(300);
            assertThat(page).as("the page waits while the schema changes").isNotDone();
            assertThat(count(jdbc)).isZero();

            release.countDown();
            assertThat(page.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            build.get(10, TimeUnit.SECONDS);
            assertThat(count(jdbc)).isEqualTo(1);
        }
    }

    @Test
    void a_schema_change_waits_for_the_transactions_open_when_it_is_asked_for() throws Exception {
        try (HikariDataSource dataSource = memoryDatabase()) {
            Jdbc jdbc = tableWithIdentity(dataSource);
            CompletableFuture<Object> page = CompletableFuture.supplyAsync(() -> jdbc.inTransaction(connection -> {
                connection.createStatement().executeUpdate("INSERT INTO change_log (v) VALUES ('page')");
                return connection.createStatement().executeQuery("SELECT PAUSE()").next();
            }), threads);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> build = CompletableFuture.runAsync(
                    () -> jdbc.executeAlone(List.of("CREATE INDEX change_by_v ON change_log (v)")), threads);
            Thread.sleep(300);
            assertThat(build).as("the build waits for the open transaction").isNotDone();

            release.countDown();
            page.get(10, TimeUnit.SECONDS);
            build.get(10, TimeUnit.SECONDS);
            assertThat(count(jdbc)).isEqualTo(1);
            assertThat(jdbc.query("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME = 'CHANGE_BY_V'",
                    rs -> rs.getInt(1))).containsExactly(1);
        }
    }

    @Test
    void a_schema_change_asked_for_inside_a_transaction_is_refused_instead_of_waiting_for_itself() {
        try (HikariDataSource dataSource = memoryDatabase()) {
            Jdbc jdbc = tableWithIdentity(dataSource);
            assertThatThrownBy(() -> jdbc.inTransaction(connection -> {
                jdbc.executeAlone(List.of("CREATE INDEX change_by_v ON change_log (v)"));
                return null;
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("CREATE INDEX change_by_v");
            // and the store goes on: the next schema change runs
            jdbc.executeAlone(List.of("CREATE INDEX change_by_v ON change_log (v)"));
            assertThat(jdbc.query("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME = 'CHANGE_BY_V'",
                    rs -> rs.getInt(1))).containsExactly(1);
        }
    }

    private static Jdbc tableWithIdentity(HikariDataSource dataSource) {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        Jdbc jdbc = new Jdbc(dataSource);
        jdbc.execute(List.of("CREATE TABLE change_log (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v VARCHAR(20))",
                "CREATE ALIAS PAUSE FOR '" + SchemaChangeAloneTest.class.getName() + ".pause'"));
        return jdbc;
    }

    private static int count(Jdbc jdbc) {
        return jdbc.query("SELECT COUNT(*) FROM change_log", rs -> rs.getInt(1)).get(0);
    }

    private static HikariDataSource memoryDatabase() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}
