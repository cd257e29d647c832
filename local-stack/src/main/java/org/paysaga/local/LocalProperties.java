package org.paysaga.local;

import java.nio.file.Path;
import org.paysaga.catalog.Defaults;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the local stack (docs/worker-app.md "The local stack"), bound before the worker's
 * context starts ({@link LocalStackRunListener}).
 *
 * @param engine which Temporal to start where nothing answers at {@code TEMPORAL_ADDRESS}
 *     ({@code SAGA_LOCAL_ENGINE}): {@code auto} (the dev server when a {@code temporal} CLI is
 *     found, else the Java test server), {@code dev-server} or {@code test-server}
 * @param temporalCli the {@code temporal} CLI to run ({@code SAGA_LOCAL_TEMPORALCLI}); unset: the
 *     one on the PATH, else the one {@code scripts/temporal.sh install} built
 * @param dataDir where the dev server's SQLite file and Redis's append-only file live, so sagas
 *     survive a restart of the stack ({@code SAGA_LOCAL_DATADIR}; unset:
 *     {@code ${XDG_DATA_HOME:-~/.local/share}/payment-saga/local})
 */
public record LocalProperties(@DefaultValue("auto") Engine engine, Path temporalCli, Path dataDir) {

  public enum Engine { AUTO, DEV_SERVER, TEST_SERVER }

  /** The data directory, configured or the default. */
  public Path dataDirOrDefault() {
    return dataDir != null ? dataDir : Defaults.localDataDir(System.getenv());
  }
}
