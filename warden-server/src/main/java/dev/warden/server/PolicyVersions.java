package dev.warden.server;

import java.util.List;
import java.util.Optional;

/**
 * Every policy the server has activated, newest last. In memory for now; durable stores will keep
 * versions beside the grants once the store SPI has them.
 */
public interface PolicyVersions {

  /** Records a newly activated policy source and returns its version. */
  PolicyVersion add(String source);

  /** The active (latest) version, if any. */
  Optional<PolicyVersion> current();

  /** One version by number. */
  Optional<PolicyVersion> get(int version);

  /** All versions, oldest first. */
  List<PolicyVersion> all();
}
