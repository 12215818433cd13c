package io.inferenceimpact.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/** Builds the TLS context that trusts the registry's certificate from a JKS/PKCS12 trust store. */
final class TrustStores {

  private TrustStores() {}

  static SSLContext sslContext(final String location, final String password, final String type) {
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      final KeyStore store = KeyStore.getInstance(type == null ? KeyStore.getDefaultType() : type);
      store.load(in, password == null ? null : password.toCharArray());
      final TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      final SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      // The password is deliberately not part of the message.
      throw new ConfigException(
          "Cannot load schema registry trust store '"
              + location
              + "': "
              + e.getClass().getSimpleName());
    }
  }
}
