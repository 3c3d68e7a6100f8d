/**
 * Prometheus' side of IM/Server's metrics listener for tests: a scrape parsed from the text format, so a test can ask
 * how a family's samples moved.
 *
 * <p>Trust: tests only.
 */
package dk.sdu.im.testkit.metrics;
