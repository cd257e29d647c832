package org.paysaga.providers.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.paysaga.ports.MerchantLedger;
import org.paysaga.ports.OrderService;

/**
 * The postgres providers on one connection pool: {@link #start(PostgresSettings)} opens a HikariCP
 * pool and brings the schema up to date (Flyway, {@code db/migration/paysaga}, history table
 * {@value #SCHEMA_HISTORY_TABLE}); {@link #close()} closes the pool.
 */
public final class PostgresPaymentServices implements AutoCloseable {
  public static final String SCHEMA_HISTORY_TABLE = "paysaga_schema_history";
  public static final String MIGRATIONS = "classpath:db/migration/paysaga";

  private final HikariDataSource pool;
  private final Transactions transactions;
  private final PostgresOrders orders;
  private final PostgresLedger ledger;
  private final PostgresMerchants merchants;
  private final PostgresLedgerAudit audit;
  private final int migrationsApplied;

  private PostgresPaymentServices(HikariDataSource pool, int migrationsApplied) {
    this.pool = pool;
    this.transactions = new Transactions(pool);
    this.orders = new PostgresOrders(transactions);
    this.ledger = new PostgresLedger(transactions);
    this.merchants = new PostgresMerchants(transactions);
    this.audit = new PostgresLedgerAudit(transactions);
    this.migrationsApplied = migrationsApplied;
  }

  /** Opens the pool and migrates the schema; fails (pool closed) when the database cannot be reached. */
  public static PostgresPaymentServices start(PostgresSettings settings) {
    HikariDataSource pool = new HikariDataSource(poolConfig(settings));
    try {
      return new PostgresPaymentServices(pool, migrate(pool).migrationsExecuted);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** Applies the migrations not applied yet; none when the schema is current. */
  public static MigrateResult migrate(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(MIGRATIONS)
        .table(SCHEMA_HISTORY_TABLE)
        .baselineOnMigrate(true) // a database that has other tables already (the schema is ours alone)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  static HikariConfig poolConfig(PostgresSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("paysaga-postgres");
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.username());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(Math.min(2, settings.poolSize()));
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(), 5_000));
    config.setAutoCommit(false);
    // Fail at start when the database is away, not at the first call.
    config.setInitializationFailTimeout(settings.connectionTimeout().toMillis());
    config.addDataSourceProperty("ApplicationName", "paysaga-providers-postgres");
    config.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, settings.connectionTimeout().toSeconds())));
    return config;
  }

  public OrderService orders() {
    return orders;
  }

  public MerchantLedger ledger() {
    return ledger;
  }

  public PostgresMerchants merchants() {
    return merchants;
  }

  public PostgresLedgerAudit audit() {
    return audit;
  }

  /** The pool, for a caller's own reads (the chaos run's checks). */
  public DataSource dataSource() {
    return pool;
  }

  /** Migrations this start applied (0 when the schema was current). */
  public int migrationsApplied() {
    return migrationsApplied;
  }

  @Override
  public void close() {
    pool.close();
  }
}
