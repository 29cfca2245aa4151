package dev.warden.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.api.Page;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL at random points and checks what the file holds afterwards:
 * every batch whose revision the writer printed (acknowledged) is there, whole; any other batch is
 * there whole or not at all; the changelog and the revision agree with the grants.
 */
class CrashSafetyTest {

  /** Rounds of start, write, kill, check; {@code -Dwarden.crash.rounds} overrides. */
  private static final int ROUNDS = Integer.getInteger("warden.crash.rounds", 20);

  @TempDir Path dir;

  @Test
  void acknowledgedBatchesSurviveSigkillAndNoBatchIsEverPartial() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int totalAcked = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Path file = dir.resolve("crash" + round + ".db");
      Map<Integer, Long> acked = runAndKill(file, 30 + random.nextInt(400));
      totalAcked += acked.size();
      check(file, acked, "seed " + seed + ", round " + round);
    }
    // Every round acknowledges batch 0 before the kill; most acknowledge more.
    assertThat(totalAcked).as("seed " + seed).isGreaterThan(ROUNDS);
    System.out.printf(
        "crash safety: %d rounds, %d acknowledged batches, seed %d%n", ROUNDS, totalAcked, seed);
  }

  /** Starts a writer, kills it {@code millis} after its store opened; the acked batches. */
  private static Map<Integer, Long> runAndKill(Path file, int millis) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriter.class.getName(),
                file.toString())
            .redirectError(file.resolveSibling(file.getFileName() + ".err").toFile())
            .start();
    Map<Integer, Long> acked = new HashMap<>();
    CountDownLatch opened = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.equals("open")) {
                    opened.countDown();
                  } else if (line.startsWith("ack ")) {
                    String[] parts = line.split(" ", -1);
                    synchronized (acked) {
                      acked.put(Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
                    }
                  }
                }
              } catch (IOException e) {
                // The process died mid-line: what was read before counts.
              }
            });
    reader.start();
    assertThat(opened.await(60, TimeUnit.SECONDS)).as("the writer opened its store").isTrue();
    Thread.sleep(millis);
    // SIGKILL through the process handle: Process.destroyForcibly() also closes our end of the
    // writer's stdout, discarding every ack still in the pipe (the reader then stops with "Stream
    // closed"), so a reader that lagged behind made acknowledged batches look unacknowledged.
    p.toHandle().destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    // Every ack the writer printed before it died is in the pipe: read them all, however slowly a
    // loaded machine schedules the reader, or the bound on present batches below is meaningless.
    reader.join(120_000);
    assertThat(reader.isAlive())
        .as("the ack reader reached the end of the writer's output")
        .isFalse();
    synchronized (acked) {
      return new HashMap<>(acked);
    }
  }

  private static void check(Path file, Map<Integer, Long> acked, String where) {
    try (SqliteStore store = SqliteStore.open(file)) {
      // What the crash left (the main file possibly still empty, the commits in the -wal) is
      // existing Warden data: never a new store, which a server would seed.
      assertThat(store.created()).as("%s: reopened as existing data", where).isFalse();
      Map<Integer, Integer> present = new HashMap<>();
      String cursor = null;
      do {
        Page<Grant> page = store.read(GrantFilter.ALL, cursor, 5000);
        for (Grant g : page.items()) {
          String id = g.resource().id();
          int batch = Integer.parseInt(id.substring(1, id.indexOf('_')));
          present.merge(batch, 1, Integer::sum);
        }
        cursor = page.nextCursor();
      } while (cursor != null);

      acked.forEach(
          (batch, revision) ->
              assertThat(present.get(batch))
                  .as("%s: acknowledged batch %d (revision %d)", where, batch, revision)
                  .isEqualTo(CrashWriter.batch(batch).size()));
      present.forEach(
          (batch, count) ->
              assertThat(count)
                  .as("%s: batch %d is whole or absent", where, batch)
                  .isEqualTo(CrashWriter.batch(batch).size()));
      // Batches commit in order: what is present is a prefix 0..n-1, at most one past the acks.
      int n = present.size();
      for (int b = 0; b < n; b++) {
        assertThat(present).as("%s: batch %d of %d", where, b, n).containsKey(b);
      }
      assertThat(n).as(where).isBetween(acked.size(), acked.size() + 1);
      assertThat(store.revision()).as(where).isEqualTo(n);
      int changes = store.changes(0, Integer.MAX_VALUE).size();
      int grants = present.values().stream().mapToInt(Integer::intValue).sum();
      assertThat(changes).as("%s: one change per grant", where).isEqualTo(grants);
    }
  }
}
