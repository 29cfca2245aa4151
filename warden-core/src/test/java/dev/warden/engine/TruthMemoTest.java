package dev.warden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.model.Truth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TruthMemoTest {

  @Test
  void agreesWithAHashMapThroughGrowthAndOverwrites() {
    SplittableRandom rnd = new SplittableRandom(3);
    TruthMemo memo = new TruthMemo();
    Map<Long, Truth> expected = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      long node = rnd.nextLong(0, 5_000) << 20 | rnd.nextInt(4);
      Truth t = List.of(Truth.FALSE, Truth.UNKNOWN, Truth.TRUE).get(rnd.nextInt(3));
      memo.put(node, t);
      expected.put(node, t);
    }
    assertThat(memo.size()).isEqualTo(expected.size());
    expected.forEach((node, t) -> assertThat(memo.get(node)).isEqualTo(t));
    assertThat(memo.get(Long.MAX_VALUE)).isNull();
    assertThat(memo.get(0L)).isEqualTo(expected.get(0L));
  }
}
