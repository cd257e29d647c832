package org.paysaga.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for the tests and the chaos run: a throwaway cluster (initdb into a fresh temp
 * directory, {@code postgres} on a free loopback port as a child process, trust authentication,
 * a database {@value #DATABASE}), stopped and deleted by {@link #close()}. As root it runs the
 * server as the {@code postgres} OS user, which owns the data directory (PostgreSQL refuses root).
 *
 * <p>When {@value #URL_VARIABLE} is set (the JDBC URL of an existing server, user and password as
 * its {@code user}/{@code password} parameters or in {@code POSTGRES_USER}/{@code POSTGRES_PASSWORD})
 * it creates a fresh, uniquely named database there instead, drops only that one at the end, and
 * needs a PostgreSQL JDBC driver on the class path. {@link #restart()} is for a local cluster only.
 */
public final class PostgresTestServer implements AutoCloseable {
  public static final String URL_VARIABLE = "POSTGRES_URL";
  public static final String DATABASE = "paysaga";
  private static final String USER = "paysaga";
  private static final String OS_USER = "postgres";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration COMMAND_LIMIT = Duration.ofMinutes(2);

  private final Local local; // null on an existing server
  private final String jdbcUrl;
  private final String username;
  private final String password;
  private final String adminUrl; // existing server: where the database was created from
  private final String database;

  private PostgresTestServer(Local local, String jdbcUrl, String username, String password, String adminUrl,
      String database) {
    this.local = local;
    this.jdbcUrl = jdbcUrl;
    this.username = username;
    this.password = password;
    this.adminUrl = adminUrl;
    this.database = database;
  }

  /** On {@value #URL_VARIABLE}'s server when it is set, else a throwaway local cluster. */
  public static PostgresTestServer start() {
    String url = System.getenv(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      return onExisting(url.trim(), System.getenv("POSTGRES_USER"), System.getenv("POSTGRES_PASSWORD"));
    }
    return startLocal();
  }

  /** A throwaway cluster on this machine, whatever the environment says. */
  public static PostgresTestServer startLocal() {
    Local local = new Local(binaries());
    try {
      local.init();
      local.startServer();
      local.run("createdb", "-h", "127.0.0.1", "-p", String.valueOf(local.port), "-U", USER, DATABASE);
    } catch (RuntimeException e) {
      local.destroy();
      throw e;
    }
    return new PostgresTestServer(local, "jdbc:postgresql://127.0.0.1:" + local.port + "/" + DATABASE, USER, "",
        null, DATABASE);
  }

  /** A fresh database {@code paysaga_test_<random>} on the server of {@code adminUrl}. */
  public static PostgresTestServer onExisting(String adminUrl, String user, String password) {
    String database = "paysaga_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String name = user != null && !user.isBlank() ? user : parameter(adminUrl, "user").orElse(OS_USER);
    String secret = password != null ? password : parameter(adminUrl, "password").orElse("");
    try (Connection connection = DriverManager.getConnection(adminUrl, name, secret);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database + " on " + URL_VARIABLE + " "
          + withoutParameters(adminUrl) + ": " + e.getMessage(), e);
    }
    return new PostgresTestServer(null, withDatabase(adminUrl, database), name, secret, adminUrl, database);
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public String database() {
    return database;
  }

  /** The loopback port of a local cluster. */
  public int port() {
    return requireLocal("port").port;
  }

  /** Fast shutdown (clients are disconnected), then a start on the same data directory. */
  public void restart() {
    stop();
    startAgain();
  }

  /** Fast shutdown of a local cluster: connections are dropped, new ones refused until {@link #startAgain()}. */
  public void stop() {
    requireLocal("stop").stopServer();
  }

  /** Starts a stopped local cluster again on the same port and data directory. */
  public void startAgain() {
    requireLocal("start").startServer();
  }

  /** Whether the local cluster's server process runs. */
  public boolean isRunning() {
    return local != null ? local.process != null && local.process.isAlive() : true;
  }

  @Override
  public void close() {
    if (local != null) {
      local.destroy();
      return;
    }
    try (Connection connection = DriverManager.getConnection(adminUrl, username, password);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop database " + database + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "PostgresTestServer[" + jdbcUrl + (local != null ? ", data " + local.data : "") + "]";
  }

  private Local requireLocal(String what) {
    if (local == null) {
      throw new UnsupportedOperationException(what + " needs a local cluster, not " + URL_VARIABLE + "'s server");
    }
    return local;
  }

  /** The directory of initdb, postgres and pg_ctl: on the PATH, else the newest /usr/lib/postgresql/N/bin. */
  static Path binaries() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path initdb = Path.of(dir, "initdb");
      if (Files.isExecutable(initdb)) {
        try {
          return initdb.toRealPath().getParent(); // a symlink in /usr/local/bin leads to the real bin dir
        } catch (IOException e) {
          // a dangling link: keep looking
        }
      }
    }
    Path versions = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(versions)) {
      try (Stream<Path> dirs = Files.list(versions)) {
        Optional<Path> newest = dirs.map(dir -> dir.resolve("bin"))
            .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
            .max(Comparator.comparingInt(PostgresTestServer::majorVersion));
        if (newest.isPresent()) {
          return newest.get();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no PostgreSQL here (initdb neither on the PATH nor under "
        + "/usr/lib/postgresql/*/bin): run `bash scripts/postgres.sh install`, or set " + URL_VARIABLE);
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** {@code jdbc:postgresql://host:port/db?params} with another database. */
  static String withDatabase(String url, String database) {
    String prefix = "jdbc:postgresql://";
    if (!url.startsWith(prefix)) {
      throw new IllegalArgumentException(URL_VARIABLE + " must be a jdbc:postgresql://host[:port]/database URL, not "
          + withoutParameters(url));
    }
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String params = query < 0 ? "" : url.substring(query);
    int slash = base.indexOf('/', prefix.length());
    String hosts = slash < 0 ? base : base.substring(0, slash);
    return hosts + "/" + database + params;
  }

  static Optional<String> parameter(String url, String name) {
    int query = url.indexOf('?');
    if (query < 0) {
      return Optional.empty();
    }
    for (String pair : url.substring(query + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return Optional.of(java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private static String withoutParameters(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /** The throwaway cluster: its directories, port and server process. */
  private static final class Local {
    private final Path bin;
    private final boolean asOsUser = "root".equals(System.getProperty("user.name"));
    private Path root;
    private Path data;
    private int port;
    private ManagedProcess process;

    Local(Path bin) {
      this.bin = bin;
    }

    void init() {
      try {
        root = Files.createTempDirectory("paysaga-postgres-");
        if (asOsUser) {
          UserPrincipal owner = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
          Files.setOwner(root, owner);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare a data directory for PostgreSQL (as " + OS_USER + ")", e);
      }
      data = root.resolve("data");
      run("initdb", "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync");
      port = FreePorts.free();
    }

    void startServer() {
      ProcessSpec spec = ProcessSpec.command("postgres-" + port, command("postgres", "-D", data.toString(),
              "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1", "-k", data.toString(),
              // a throwaway cluster: durability is not what the tests measure
              "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=200"))
          .directory(root)
          .log(Path.of("target", "processes", "postgres-" + port + ".log"));
      if (process == null) {
        process = spec.create();
      }
      process.start();
      process.await("accepting connections on port " + port, START_TIMEOUT, this::ready);
    }

    boolean ready() {
      return ProcessSpec.command("pg_isready", bin.resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1",
          "-p", String.valueOf(port)).run(Duration.ofSeconds(10)).exitCode() == 0;
    }

    void stopServer() {
      if (process == null || !process.isAlive()) {
        return;
      }
      ProcessResult stopped = ProcessSpec.command("pg_ctl", command("pg_ctl", "stop", "-D", data.toString(),
          "-m", "fast", "-w", "-t", "60")).directory(root).run(COMMAND_LIMIT);
      if (stopped.exitCode() != 0 || process.exitCode(Duration.ofSeconds(30)).isEmpty()) {
        process.stop(Duration.ofSeconds(10));
      }
    }

    void run(String program, String... arguments) {
      List<String> line = program.equals("createdb") ? prepend(bin.resolve(program).toString(), arguments)
          : List.of(command(program, arguments));
      ProcessResult result = ProcessSpec.command(program, line.toArray(String[]::new)).directory(root)
          .run(COMMAND_LIMIT);
      if (result.exitCode() != 0) {
        throw new IllegalStateException("PostgreSQL's " + program + " failed: " + result);
      }
    }

    /** The program of the bin directory, run as the postgres OS user when this JVM is root. */
    String[] command(String program, String... arguments) {
      List<String> line = new ArrayList<>();
      if (asOsUser) {
        line.addAll(List.of("runuser", "-u", OS_USER, "--"));
      }
      line.addAll(prepend(bin.resolve(program).toString(), arguments));
      return line.toArray(String[]::new);
    }

    void destroy() {
      try {
        stopServer();
      } finally {
        deleteTree(root);
      }
    }

    private static List<String> prepend(String first, String... rest) {
      List<String> line = new ArrayList<>();
      line.add(first);
      line.addAll(List.of(rest));
      return line;
    }

    private static void deleteTree(Path dir) {
      if (dir == null || !Files.exists(dir)) {
        return;
      }
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete PostgreSQL's directory " + dir, e);
      }
    }
  }
}
