package dev.warden.store;

import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;

/**
 * {@link TupleStore#changes} was asked for changes the store no longer keeps. A replica that gets
 * it reloads from {@link TupleStore#scan} instead of tailing.
 */
public final class ChangelogExpiredException extends WardenException {

  private static final long serialVersionUID = 1L;

  private final long oldestRetained;

  public ChangelogExpiredException(long afterRevision, long oldestRetained) {
    super(
        ErrorCode.INVALID_REQUEST,
        "revision "
            + afterRevision
            + " is older than the retained changelog (oldest revision "
            + oldestRetained
            + "); reload instead");
    this.oldestRetained = oldestRetained;
  }

  /** The oldest revision whose changes are still kept. */
  public long oldestRetained() {
    return oldestRetained;
  }
}
