package dev.warden.langchain4j;

import dev.warden.api.DecisionEvent;
import dev.warden.api.DecisionLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A decision log that keeps every event in memory, for tests to assert on. */
final class RecordingDecisionLog implements DecisionLog {

  private final List<DecisionEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void record(DecisionEvent event) {
    events.add(event);
  }

  List<DecisionEvent> events() {
    return events;
  }
}
