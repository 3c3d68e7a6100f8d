/**
 * Wire records of the provider API, grouped by contract section. Records carry exactly the JSON names of
 * {@code ucloud-provider-api.md}; nullable fields are optional on the wire. Timestamps are epoch millis.
 */
package dk.sdu.im.api.wire;
