package dev.warden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Rounds that never settle end in the unbounded set, which the lookups then check object by object.
 */
class FixpointTest {

  @Test
  void setsThatKeepChangingEndAsEverythingAfterTheRoundLimit() {
    Fixpoint<Candidates> f = new Fixpoint<>(Candidates::new, Candidates::unboundedSet);
    int[] rounds = {0};
    Candidates result =
        f.solve(
            () -> {
              rounds[0]++;
              Candidates known = f.begin(1L);
              if (known != null) {
                return known;
              }
              Candidates inner = f.begin(1L); // the cycle: the previous round's set
              Candidates next = new Candidates();
              if (inner.isEmpty()) {
                next.add(rounds[0], true); // grows from empty, then shrinks back: never settles
              }
              return f.end(1L, next);
            });
    assertThat(rounds[0]).isEqualTo(Fixpoint.MAX_ROUNDS);
    assertThat(result.unbounded()).isTrue();
  }

  @Test
  void setsThatSettleEndAsTheirLeastFixpoint() {
    Fixpoint<Candidates> f = new Fixpoint<>(Candidates::new, Candidates::unboundedSet);
    Candidates result =
        f.solve(
            () -> {
              Candidates known = f.begin(1L);
              if (known != null) {
                return known;
              }
              Candidates inner = f.begin(1L);
              Candidates next = new Candidates();
              next.addAll(inner);
              next.add(7L, true);
              return f.end(1L, next);
            });
    assertThat(result.unbounded()).isFalse();
    assertThat(result.sure.contains(7L)).isTrue();
  }
}
