package dev.warden.store;

import dev.warden.api.Change;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.api.Page;
import dev.warden.api.WriteBatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store that forwards to another (a policy store too) but is not a memory store, so a {@link
 * dev.warden.Warden} over it runs an index replica, as over SQLite or PostgreSQL. Subscriptions are
 * optional, to test the polling fallback.
 */
final class ForwardingStore implements TupleStore, PolicyStore {

  private final TupleStore target;
  private final boolean forwardSubscriptions;

  ForwardingStore(TupleStore target, boolean forwardSubscriptions) {
    this.target = target;
    this.forwardSubscriptions = forwardSubscriptions;
  }

  @Override
  public long revision() {
    return target.revision();
  }

  @Override
  public long write(WriteBatch batch) {
    return target.write(batch);
  }

  @Override
  public Page<Grant> read(GrantFilter filter, String cursor, int limit) {
    return target.read(filter, cursor, limit);
  }

  @Override
  public Map<String, Object> attributes(EntityRef entity) {
    return target.attributes(entity);
  }

  @Override
  public List<Change> changes(long afterRevision, int limit) {
    return target.changes(afterRevision, limit);
  }

  @Override
  public long scan(SnapshotVisitor visitor) {
    return target.scan(visitor);
  }

  @Override
  public Subscription subscribe(ChangeListener listener) {
    return forwardSubscriptions ? target.subscribe(listener) : Subscription.NONE;
  }

  @Override
  public boolean created() {
    return target.created();
  }

  private PolicyStore policies() {
    return (PolicyStore) target;
  }

  @Override
  public PolicyVersion savePolicy(String source, boolean activate) {
    return policies().savePolicy(source, activate);
  }

  @Override
  public PolicyVersion activatePolicy(long version) {
    return policies().activatePolicy(version);
  }

  @Override
  public Optional<PolicyVersion> activePolicy() {
    return policies().activePolicy();
  }

  @Override
  public Optional<PolicyVersion> policyVersion(long version) {
    return policies().policyVersion(version);
  }

  @Override
  public List<PolicyVersion> policyVersions() {
    return policies().policyVersions();
  }

  @Override
  public void close() {
    target.close();
  }
}
