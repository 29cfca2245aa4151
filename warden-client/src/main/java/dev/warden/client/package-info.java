/**
 * The Java client of the Warden HTTP PDP. {@link dev.warden.client.WardenClient} implements the
 * same {@link dev.warden.api.Authorizer} as the embedded {@code dev.warden.Warden}, so an
 * application moves between embedded and remote evaluation without code changes, and adds the
 * asynchronous variants ({@link dev.warden.client.AsyncAuthorizer}) and the write, entity and
 * policy endpoints.
 *
 * <p>Everything but the public types here is package-private: the wire format is the shared codec
 * of {@code dev.warden.wire} (the server reads and writes the same), the HTTP exchange with retries
 * lives in {@code Transport}.
 */
package dev.warden.client;
