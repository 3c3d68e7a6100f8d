/**
 * The provider API as UCloud speaks it (see {@code ucloud-provider-api.md}): JSON rules, the error type
 * every reply is translated from, and the sub-packages for wire records ({@code wire}), token checks
 * ({@code auth}), the RPC server plumbing shared by IM/Server and IM/User ({@code rpc}) and log output
 * ({@code log}).
 *
 * <p>Trust: everything here parses input from the network; nothing here touches files or accounts except
 * reading the configured UCloud public key.
 */
package dk.sdu.im.api;
