package dev.warden.server;

import dev.warden.model.Policy;
import java.util.List;
import java.util.Optional;

/**
 * Every policy the server has activated, newest last. In memory for now; durable stores will keep
 * versions beside the grants once the store SPI has them.
 */
public interface PolicyVersions {

  /** Records a policy source the engine already enforces as the next version. */
  PolicyVersion add(String source);

  /**
   * Records the source as the next version and makes the engine enforce it: through the store when
   * the versions are kept there (every server over it switches at the activation's revision),
   * otherwise by activating the compiled policy on this server's engine.
   */
  PolicyVersion activate(String source, Policy compiled);

  /** The active (latest) version, if any. */
  Optional<PolicyVersion> current();

  /** One version by number. */
  Optional<PolicyVersion> get(int version);

  /** All versions, oldest first. */
  List<PolicyVersion> all();
}
