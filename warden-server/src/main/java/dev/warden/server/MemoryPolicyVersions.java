package dev.warden.server;

import dev.warden.Warden;
import dev.warden.model.Policy;
import dev.warden.server.auth.KeyMaterial;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Policy versions kept in memory; lost on restart. Thread-safe. */
public final class MemoryPolicyVersions implements PolicyVersions {

  private final List<PolicyVersion> versions = new ArrayList<>();
  private final Clock clock;
  private final Warden warden;

  /**
   * @param warden the engine that {@link #activate} switches
   */
  public MemoryPolicyVersions(Clock clock, Warden warden) {
    this.clock = clock;
    this.warden = warden;
  }

  @Override
  public synchronized PolicyVersion activate(String source, Policy compiled) {
    warden.activate(compiled);
    return add(source);
  }

  @Override
  public synchronized PolicyVersion add(String source) {
    PolicyVersion v =
        new PolicyVersion(
            versions.size() + 1, source, KeyMaterial.sha256Hex(source), clock.instant());
    versions.add(v);
    return v;
  }

  @Override
  public synchronized Optional<PolicyVersion> current() {
    return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
  }

  @Override
  public synchronized Optional<PolicyVersion> get(int version) {
    return version >= 1 && version <= versions.size()
        ? Optional.of(versions.get(version - 1))
        : Optional.empty();
  }

  @Override
  public synchronized List<PolicyVersion> all() {
    return List.copyOf(versions);
  }
}
