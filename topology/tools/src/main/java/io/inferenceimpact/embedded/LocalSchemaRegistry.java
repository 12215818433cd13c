package io.inferenceimpact.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Confluent-compatible Schema Registry (Apicurio 2.4.2.Final, built by {@code
 * deploy/registry/build.sh}) running as a child JVM on 127.0.0.1, for integration tests and {@code
 * impact demo}. Starting waits until the Confluent API answers and sets the global compatibility to
 * BACKWARD, Confluent's default (Apicurio's is NONE). {@link #close()} and a JVM shutdown hook stop
 * the process, so a test run leaves no registry behind.
 */
public final class LocalSchemaRegistry implements AutoCloseable {

  /** System property with the path of quarkus-run.jar; the parent pom passes it to surefire. */
  public static final String JAR_PROPERTY = "impact.registry.jar";

  /** Where the jar lands relative to the repository root. */
  public static final String DEFAULT_JAR = "deploy/registry/target/quarkus-app/quarkus-run.jar";

  /** The Confluent REST API inside Apicurio. */
  public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final Process process;
  private final int port;
  private final Path logFile;
  private final Thread shutdownHook;
  private boolean closed;

  private LocalSchemaRegistry(final Process process, final int port, final Path logFile) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
    this.shutdownHook =
        new Thread(process::destroyForcibly, "local-schema-registry-stopper-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts the registry with the jar from {@value #JAR_PROPERTY}, a free port, logs in
   * java.io.tmpdir.
   */
  public static LocalSchemaRegistry start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The Confluent-compatible base URL, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
  public String url() {
    return "http://127.0.0.1:" + port + CCOMPAT_PATH;
  }

  public int port() {
    return port;
  }

  /** The registry's own stdout and stderr. */
  public Path logFile() {
    return logFile;
  }

  /** The child process, e.g. to check that it is gone after {@link #close()}. */
  public ProcessHandle processHandle() {
    return process.toHandle();
  }

  /** Stops the process: politely, then forcibly if it does not exit within 10 s. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      process.destroy();
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (final InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      removeShutdownHook();
    }
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (final IllegalStateException alreadyShuttingDown) {
      // The hook is running or about to; nothing left to undo.
    }
  }

  /** Options for starting the registry; every one has a default. */
  public static final class Builder {
    private Path jar;
    private int port;
    private Path logDir;
    private Duration startupTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * quarkus-run.jar; default: system property {@value #JAR_PROPERTY}, else {@value #DEFAULT_JAR}.
     */
    public Builder jar(final Path jarPath) {
      this.jar = jarPath;
      return this;
    }

    /** Port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(final int httpPort) {
      this.port = httpPort;
      return this;
    }

    /** Folder for the registry's log file; default java.io.tmpdir. */
    public Builder logDir(final Path dir) {
      this.logDir = dir;
      return this;
    }

    public Builder startupTimeout(final Duration timeout) {
      this.startupTimeout = timeout;
      return this;
    }

    /** Starts the process and returns once the API answers with BACKWARD compatibility set. */
    public LocalSchemaRegistry start() {
      final Path jarPath = resolveJar();
      final int httpPort = port == 0 ? FreePort.find() : port;
      // Readiness is judged by the API answering: another server already answering on the port
      // (an earlier registry left running) would be taken for ours, so refuse a taken port.
      if (!FreePort.isFree(httpPort)) {
        throw new IllegalStateException(
            "Cannot start the schema registry: port "
                + httpPort
                + " on 127.0.0.1 is already in use (choose another port)");
      }
      final Path dir = logDir != null ? logDir : Paths.get(System.getProperty("java.io.tmpdir"));
      final Path log = dir.resolve("schema-registry-" + httpPort + ".log");
      final LocalSchemaRegistry registry =
          new LocalSchemaRegistry(launch(jarPath, httpPort, log), httpPort, log);
      try {
        final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        new RegistryReadiness(http, registry.process, log).await(registry.url(), startupTimeout);
        setBackwardCompatibility(http, registry.url());
        return registry;
      } catch (final RuntimeException e) {
        registry.close();
        throw e;
      }
    }

    private Path resolveJar() {
      final String property = System.getProperty(JAR_PROPERTY);
      final Path path =
          (jar != null ? jar : Paths.get(property != null ? property : DEFAULT_JAR))
              .toAbsolutePath()
              .normalize();
      if (!Files.isRegularFile(path)) {
        throw new IllegalStateException(
            "Schema registry jar not found: "
                + path
                + ". Build it from the repository root with: bash deploy/registry/build.sh"
                + " (or point -D"
                + JAR_PROPERTY
                + "=... at an existing quarkus-run.jar).");
      }
      return path;
    }

    private static Process launch(final Path jarPath, final int httpPort, final Path log) {
      // C1 only: starts in ~4.5 s instead of ~6.5 s and ~30 MiB less RSS (measured on 2 cores).
      final String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
      final List<String> command =
          List.of(
              java,
              "-Xmx256m",
              "-XX:TieredStopAtLevel=1",
              "-Dquarkus.http.host=127.0.0.1",
              "-Dquarkus.http.port=" + httpPort,
              "-jar",
              jarPath.toString());
      try {
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
      } catch (final IOException e) {
        throw new UncheckedIOException("Could not start the schema registry: " + command, e);
      }
    }

    private static void setBackwardCompatibility(final HttpClient http, final String url) {
      final HttpRequest request =
          HttpRequest.newBuilder(URI.create(url + "/config"))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", CONTENT_TYPE)
              .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}"))
              .build();
      final HttpResponse<String> response = RegistryReadiness.send(http, request);
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "Setting BACKWARD compatibility failed: HTTP "
                + response.statusCode()
                + " "
                + response.body());
      }
    }
  }
}
