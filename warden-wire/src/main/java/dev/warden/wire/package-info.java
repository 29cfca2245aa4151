/**
 * The JSON wire form of the API types (snake_case, shapes in the server's {@code openapi.json}),
 * written once for the server and the client: {@link dev.warden.wire.RequestCodec} and {@link
 * dev.warden.wire.AnswerCodec} each encode and decode their family of messages, and {@link
 * dev.warden.wire.WireJson} is the one Jackson configuration both sides use. Reading a request is
 * strict (unknown fields refused, every problem a {@link dev.warden.wire.WireException} naming the
 * JSON path); reading an answer is lenient about fields it does not know, so an older client keeps
 * working against a newer server.
 */
package dev.warden.wire;
