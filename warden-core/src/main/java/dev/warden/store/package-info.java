/**
 * The tuple store SPI: durable (or in-memory) storage of grants, entity attributes and the
 * changelog, with a revision on every write.
 *
 * <p>Evaluation never queries a store directly: it runs on the in-memory {@code
 * dev.warden.store.index.RelationshipIndex}, which is loaded from the store and kept current by
 * applying the store's changes in revision order. The in-memory store is its own index. Policy
 * versions are kept by a {@link dev.warden.store.PolicyStore}; activating one is a revision of the
 * changelog. This package knows no engine type: it must not depend on the index.
 */
package dev.warden.store;
