package dev.warden.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mutations applied atomically, all or nothing, after their preconditions hold.
 *
 * @param mutations applied in order
 * @param preconditions checked against the state before the batch
 */
public record WriteBatch(List<Mutation> mutations, List<Precondition> preconditions) {

  public WriteBatch {
    mutations = List.copyOf(mutations);
    preconditions = List.copyOf(preconditions);
  }

  /** A batch that touches (idempotently writes) each grant. */
  public static WriteBatch touch(List<Grant> grants) {
    List<Mutation> m = new ArrayList<>(grants.size());
    for (Grant g : grants) {
      m.add(new Mutation.Touch(g));
    }
    return new WriteBatch(m, List.of());
  }

  /** A batch that touches each grant given in text form. */
  public static WriteBatch touch(String... grants) {
    List<Grant> list = new ArrayList<>(grants.length);
    for (String g : grants) {
      list.add(Grant.parse(g));
    }
    return touch(list);
  }

  /** A batch that deletes each grant. */
  public static WriteBatch delete(List<Grant> grants) {
    List<Mutation> m = new ArrayList<>(grants.size());
    for (Grant g : grants) {
      m.add(new Mutation.Delete(g));
    }
    return new WriteBatch(m, List.of());
  }

  /** A batch that replaces one entity's attributes. */
  public static WriteBatch attributes(EntityRef entity, Map<String, Object> attributes) {
    return new WriteBatch(List.of(new Mutation.SetAttributes(entity, attributes)), List.of());
  }

  /** This batch with one more precondition. */
  public WriteBatch requiring(Precondition p) {
    List<Precondition> ps = new ArrayList<>(preconditions);
    ps.add(p);
    return new WriteBatch(mutations, ps);
  }
}
