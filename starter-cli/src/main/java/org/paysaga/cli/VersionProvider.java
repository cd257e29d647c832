package org.paysaga.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code saga --version}: this build, the Temporal SDK and the Java runtime. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
        "saga " + version(),
        "Temporal Java SDK " + io.temporal.serviceclient.Version.LIBRARY_VERSION,
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"};
  }

  /** The project version, filtered into saga-cli.properties at build time. */
  public static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("/saga-cli.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
