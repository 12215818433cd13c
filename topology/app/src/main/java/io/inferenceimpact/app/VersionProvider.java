package io.inferenceimpact.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The Maven project version, from a resource filtered at build time (else the jar manifest). */
public final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"impact " + version()};
  }

  public static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        final Properties props = new Properties();
        props.load(in);
        final String version = props.getProperty("version", "");
        if (!version.isBlank() && !version.contains("${")) {
          return version;
        }
      }
    } catch (final IOException e) {
      // fall through to the manifest
    }
    final String fromManifest = VersionProvider.class.getPackage().getImplementationVersion();
    return fromManifest == null ? "unknown" : fromManifest;
  }
}
