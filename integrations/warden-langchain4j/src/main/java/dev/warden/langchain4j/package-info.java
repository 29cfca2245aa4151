/**
 * Warden for LangChain4j: an agent never acts, and a retrieval-augmented answer never quotes,
 * beyond what the asking user may do or read.
 *
 * <ul>
 *   <li>{@link dev.warden.langchain4j.AuthorizedTools}: offers the model only the tools the user
 *       may {@code use}, and checks every call again when it runs (the tool, and the resources
 *       named in its arguments); a denied call answers a fixed message and never runs the tool.
 *   <li>{@link dev.warden.langchain4j.AuthorizedIngestor} and {@link
 *       dev.warden.langchain4j.AuthorizedContentRetriever}: chunks are tagged with the resource
 *       they came from, and retrieval returns only chunks of resources the user may {@code read}.
 * </ul>
 *
 * Everything is written against {@link dev.warden.api.Authorizer}, so the embedded engine and the
 * HTTP client work alike.
 */
package dev.warden.langchain4j;
