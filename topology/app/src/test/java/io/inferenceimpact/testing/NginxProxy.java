package io.inferenceimpact.testing;

import io.inferenceimpact.embedded.FreePort;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real nginx (Debian's {@code nginx-light}, installed by {@code ./run-tests}) as a reverse proxy
 * on 127.0.0.1 that requires HTTP basic auth and forwards to a local upstream (the Schema
 * Registry), without passing the credentials on. It runs as a child process in the foreground, one
 * process (no master/worker split), with its config, password file, logs and temp folders in a test
 * folder, and is stopped by its PID. A missing nginx fails the test: it is never skipped.
 */
public final class NginxProxy implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path dir;

  private NginxProxy(final Process process, final int port, final Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** The nginx binary: on the PATH, else Debian's /usr/sbin/nginx. */
  public static Path binary() {
    for (final String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
      final Path candidate = Path.of(folder.isEmpty() ? "." : folder, "nginx");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    final Path debian = Path.of("/usr/sbin/nginx");
    if (Files.isExecutable(debian)) {
      return debian;
    }
    throw new AssertionError(
        "nginx is not installed: run ./run-tests once (it installs nginx-light), or"
            + " apt-get install -y nginx-light");
  }

  /**
   * Starts nginx on a free port in {@code dir}, proxying {@code upstreamUrl}, admitting {@code
   * user} with {@code password}.
   */
  public static NginxProxy start(
      final Path dir, final String upstreamUrl, final String user, final String password)
      throws IOException {
    TestTier.requireIntegration("nginx");
    final Path nginx = binary();
    final int port = FreePort.find();
    Files.createDirectories(dir.resolve("temp"));
    Files.writeString(dir.resolve("htpasswd"), user + ":" + ssha(password) + "\n");
    final Path conf = dir.resolve("nginx.conf");
    Files.writeString(
        conf,
        """
        daemon off;
        master_process off;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 64; }
        http {
          access_log %1$s/access.log;
          client_body_temp_path %1$s/temp/body;
          proxy_temp_path %1$s/temp/proxy;
          fastcgi_temp_path %1$s/temp/fastcgi;
          uwsgi_temp_path %1$s/temp/uwsgi;
          scgi_temp_path %1$s/temp/scgi;
          server {
            listen 127.0.0.1:%2$d;
            location / {
              auth_basic "schema registry";
              auth_basic_user_file %1$s/htpasswd;
              proxy_set_header Authorization "";
              proxy_pass %3$s;
            }
          }
        }
        """
            // With a path, proxy_pass maps "/" onto it: the trailing slash makes /x → <path>/x.
            .formatted(dir, port, upstreamUrl.endsWith("/") ? upstreamUrl : upstreamUrl + "/"));
    final Process process =
        new ProcessBuilder(
                nginx.toString(),
                "-p",
                dir.toString(),
                "-e",
                dir.resolve("error.log").toString(),
                "-c",
                conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("stdout.log").toFile())
            .start();
    final NginxProxy proxy = new NginxProxy(process, port, dir);
    try {
      Awaitility.await("nginx listening on 127.0.0.1:" + port)
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new AssertionError(
                      "nginx exited with "
                          + process.exitValue()
                          + ": "
                          + Files.readString(dir.resolve("stdout.log"))
                          + Files.readString(dir.resolve("error.log")));
                }
                try (Socket s = new Socket("127.0.0.1", port)) {
                  return true;
                } catch (final IOException notYet) {
                  return false;
                }
              });
    } catch (final RuntimeException | AssertionError e) {
      proxy.close();
      throw e;
    }
    return proxy;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  /** What nginx logged about failures (e.g. a wrong password). */
  public String errorLog() throws IOException {
    return Files.readString(dir.resolve("error.log"));
  }

  /** Stops this nginx by its PID (SIGTERM, then SIGKILL after 10 s). */
  @Override
  public void close() {
    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** nginx's {SSHA} password format: base64(SHA-1(password + salt) + salt). */
  private static String ssha(final String password) {
    try {
      final byte[] salt = new byte[8];
      new SecureRandom().nextBytes(salt);
      final MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(password.getBytes(StandardCharsets.UTF_8));
      sha1.update(salt);
      final byte[] digest = sha1.digest();
      final byte[] both = new byte[digest.length + salt.length];
      System.arraycopy(digest, 0, both, 0, digest.length);
      System.arraycopy(salt, 0, both, digest.length, salt.length);
      return "{SSHA}" + Base64.getEncoder().encodeToString(both);
    } catch (final java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
