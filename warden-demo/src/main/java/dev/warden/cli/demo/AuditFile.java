package dev.warden.cli.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.DecisionEvent;
import dev.warden.api.DecisionLog;
import dev.warden.wire.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** A decision log appending one JSON object per line to a file, for the demos' {@code --audit}. */
final class AuditFile implements DecisionLog {

  private static final ObjectMapper JSON = WireJson.mapper();

  private final Path file;

  AuditFile(Path file) {
    this.file = file;
  }

  /** A log writing to {@code file}, or none when it is null. */
  static DecisionLog to(Path file) {
    return file == null ? DecisionLog.NONE : new AuditFile(file);
  }

  @Override
  public synchronized void record(DecisionEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", e.time().toString());
    m.put("decision_id", e.decisionId());
    m.put("actor", e.actor().toString());
    m.put("action", e.action());
    m.put("resource", e.resource().toString());
    m.put("allowed", e.allowed());
    m.put("reason", e.reason());
    m.put("source", e.source());
    try {
      Files.writeString(
          file,
          JSON.writeValueAsString(m) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (JsonProcessingException e1) {
      throw new IllegalStateException(e1);
    } catch (IOException e2) {
      throw new UncheckedIOException("cannot write the audit file `" + file + "`", e2);
    }
  }
}
