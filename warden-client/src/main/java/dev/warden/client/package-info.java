/**
 * The Java client of the Warden HTTP PDP. {@link dev.warden.client.WardenClient} implements the
 * same {@link dev.warden.api.Authorizer} as the embedded {@code dev.warden.Warden}, so an
 * application moves between embedded and remote evaluation without code changes, and adds the
 * asynchronous variants ({@link dev.warden.client.AsyncAuthorizer}) and the write, entity and
 * policy endpoints.
 *
 * <p>Everything but the public types here is package-private: the wire format lives in {@code
 * WireEncoder}/{@code WireDecoder}, the HTTP exchange with retries in {@code Transport}.
 */
package dev.warden.client;
