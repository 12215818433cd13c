package io.inferenceimpact.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A self-signed server certificate for 127.0.0.1 made by the JDK's own {@code keytool}: a PKCS12
 * key store with the key and certificate, and a PKCS12 trust store with the certificate alone.
 */
public record TestCertificates(
    Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

  /** Creates both stores in {@code dir} (which must exist), with random passwords. */
  public static TestCertificates create(final Path dir) throws Exception {
    final String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    final String keyPassword = Secrets.random("ks");
    final String trustPassword = Secrets.random("ts");
    final Path keyStore = dir.resolve("broker.p12");
    final Path certificate = dir.resolve("broker.pem");
    final Path trustStore = dir.resolve("truststore.p12");
    run(
        List.of(
            keytool,
            "-genkeypair",
            "-alias",
            "broker",
            "-keyalg",
            "RSA",
            "-keysize",
            "2048",
            "-validity",
            "2",
            "-dname",
            "CN=127.0.0.1",
            "-ext",
            "SAN=IP:127.0.0.1,DNS:localhost",
            "-keystore",
            keyStore.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            keyPassword,
            "-keypass",
            keyPassword));
    run(
        List.of(
            keytool,
            "-exportcert",
            "-rfc",
            "-alias",
            "broker",
            "-keystore",
            keyStore.toString(),
            "-storepass",
            keyPassword,
            "-file",
            certificate.toString()));
    run(
        List.of(
            keytool,
            "-importcert",
            "-noprompt",
            "-alias",
            "broker",
            "-file",
            certificate.toString(),
            "-keystore",
            trustStore.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            trustPassword));
    assertThat(keyStore).exists();
    assertThat(trustStore).exists();
    return new TestCertificates(keyStore, keyPassword, trustStore, trustPassword);
  }

  private static void run(final List<String> command) {
    final ExternalProcess.Result result = ExternalProcess.run(command, "", Duration.ofSeconds(60));
    assertThat(result.exitCode()).as(result.describe()).isZero();
  }

  /** Random secrets that a log search cannot confuse with anything else. */
  public static final class Secrets {
    private Secrets() {}

    public static String random(final String prefix) {
      return prefix + "-S3cr3t-" + Long.toHexString(new java.security.SecureRandom().nextLong());
    }
  }

  /** Creates {@code dir} and its parents. */
  public static Path directory(final String name) throws Exception {
    return Files.createDirectories(Path.of("target", "tmp", name).toAbsolutePath());
  }
}
