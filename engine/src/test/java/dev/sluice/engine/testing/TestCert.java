package dev.sluice.engine.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed certificate for {@code 127.0.0.1}, made with the JDK's own {@code keytool} (so a
 * machine with only a JDK makes one): the PEM files PostgreSQL and Redis read, and a PKCS#12 trust
 * store holding the certificate, for a JVM's {@code javax.net.ssl.trustStore}.
 *
 * @param certPem            the certificate, which is also its own CA ({@code sslrootcert=})
 * @param keyPem             its private key, PKCS#8, readable by the owner only
 * @param trustStore         PKCS#12 holding the certificate as a trusted entry
 * @param trustStorePassword the trust store's password
 */
public record TestCert(Path certPem, Path keyPem, Path trustStore, String trustStorePassword) {
    private static final String PASSWORD = "changeit";
    private static final String ALIAS = "server";

    /** Generates a new key pair and certificate in {@code dir} (valid 30 days, subject alternative name IP 127.0.0.1). */
    public static TestCert selfSigned(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Files.createDirectories(dir);
        Path keyStore = dir.resolve("server.p12");
        Files.deleteIfExists(keyStore);
        Process keytool = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        ALIAS,
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "30",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keyStore.toString(),
                        "-storepass",
                        PASSWORD))
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool exited with " + keytool.exitValue() + ": " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        Certificate cert = store.getCertificate(ALIAS);
        Key key = store.getKey(ALIAS, PASSWORD.toCharArray());

        Path certPem = dir.resolve("server.crt");
        Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
        // PostgreSQL refuses a key file that its group or others may read
        Path keyPem = dir.resolve("server.key");
        Files.deleteIfExists(keyPem);
        Files.createFile(keyPem, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("sluice-test-ca", cert);
        Path trustStore = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        return new TestCert(certPem, keyPem, trustStore, PASSWORD);
    }

    /** The JVM options that make {@code trustStore} the JVM's trusted certificates (what Lettuce checks a {@code rediss://} server with). */
    public List<String> trustStoreOptions() {
        return List.of(
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=" + trustStorePassword,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
