package io.logtojee.testsupport.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made with the JDK's keytool (no openssl needed), written as the PEM
 * files redis-server reads, with a socket factory that trusts it alone.
 *
 * @param certificateFile the certificate, PEM
 * @param keyFile its private key, PKCS#8 PEM
 */
public record TestCertificate(Path certificateFile, Path keyFile, Certificate certificate) {
  private static final char[] PASSWORD = "changeit".toCharArray();

  /**
   * Creates a certificate for {@code subjectAlternativeNames}, in keytool's syntax (e.g. {@code
   * dns:localhost,ip:127.0.0.1}), in {@code directory}.
   */
  public static TestCertificate create(Path directory, String subjectAlternativeNames) {
    Path keyStore = directory.resolve("server.p12");
    try {
      Process keytool =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                  "-genkeypair",
                  "-alias",
                  "redis",
                  "-keyalg",
                  "EC",
                  "-groupname",
                  "secp256r1",
                  "-dname",
                  "CN=redis-test",
                  "-ext",
                  "SAN=" + subjectAlternativeNames,
                  "-validity",
                  "2",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  keyStore.toString(),
                  "-storepass",
                  new String(PASSWORD))
              .redirectErrorStream(true)
              .start();
      byte[] output = keytool.getInputStream().readAllBytes();
      if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool failed: " + new String(output, StandardCharsets.UTF_8));
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keyStore)) {
        store.load(in, PASSWORD);
      }
      Certificate certificate = store.getCertificate("redis");
      PrivateKey key = (PrivateKey) store.getKey("redis", PASSWORD);
      Path certificateFile = directory.resolve("server.crt");
      Path keyFile = directory.resolve("server.key");
      Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
      Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
      return new TestCertificate(certificateFile, keyFile, certificate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** TLS sockets that trust this certificate and nothing else. */
  public SSLSocketFactory trustingSocketFactory() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("redis", certificate);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
