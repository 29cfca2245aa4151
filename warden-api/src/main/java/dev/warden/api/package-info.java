/**
 * The public vocabulary shared by the embedded engine, the HTTP server and the Java client:
 * references to entities and subjects, grants, check requests, decisions and explanations, the
 * {@link dev.warden.api.Authorizer} interface, and the error type with its stable codes.
 */
package dev.warden.api;
