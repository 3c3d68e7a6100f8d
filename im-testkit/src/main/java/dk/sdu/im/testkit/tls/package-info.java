/**
 * Certificates for tests, made by the real {@code openssl} command: a test CA, server certificates it signs (valid,
 * expired, for another host name) and self-signed ones, each as PEM files and as a PKCS#12 key store for the JDK's
 * own servers and clients.
 *
 * <p>Trust: tests only. The keys are unencrypted files in the test's temporary directory and the key stores share
 * one fixed password; nothing here is fit for a real site.
 */
package dk.sdu.im.testkit.tls;
