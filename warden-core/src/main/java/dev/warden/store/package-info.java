/**
 * The tuple store SPI: durable (or in-memory) storage of grants, entity attributes and the
 * changelog, with a revision on every write.
 *
 * <p>Evaluation never queries a store directly: it runs on the in-memory {@link
 * dev.warden.store.index.RelationshipIndex}, which is loaded from the store and kept current by
 * applying the store's changes in revision order. The in-memory store is its own index.
 */
package dev.warden.store;
