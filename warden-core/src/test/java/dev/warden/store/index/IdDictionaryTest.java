package dev.warden.store.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdDictionaryTest {

  @Test
  void internsSequentialIdsThroughManyResizesAndFindsEachOne() {
    IdDictionary d = new IdDictionary();
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      assertThat(d.intern("r" + i)).isEqualTo(i);
    }
    for (int i = 0; i < n; i++) {
      assertThat(d.find("r" + i)).isEqualTo(i);
      assertThat(d.name(i)).isEqualTo("r" + i);
    }
    assertThat(d.size()).isEqualTo(n);
    assertThat(d.find("u0")).isEqualTo(-1);
    assertThat(d.find("r" + n)).isEqualTo(-1);
  }

  @Test
  void internIsIdempotentAndIdsWithEqualHashCodesStayDistinct() {
    IdDictionary d = new IdDictionary();
    // "Aa" and "BB" share a String hash code: the stored hash must not stand in for equality.
    int aa = d.intern("Aa");
    int bb = d.intern("BB");
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    assertThat(aa).isNotEqualTo(bb);
    assertThat(d.intern("Aa")).isEqualTo(aa);
    assertThat(d.find("BB")).isEqualTo(bb);
    assertThat(d.find("AaBB")).isEqualTo(-1);
  }

  @Test
  void randomIdsRoundTrip() {
    SplittableRandom rnd = new SplittableRandom(7);
    IdDictionary d = new IdDictionary();
    java.util.Map<String, Integer> expected = new java.util.HashMap<>();
    for (int i = 0; i < 50_000; i++) {
      String id = Long.toString(rnd.nextLong(), 36);
      int number = d.intern(id);
      assertThat(expected.putIfAbsent(id, number)).isIn(null, number);
    }
    expected.forEach((id, number) -> assertThat(d.find(id)).isEqualTo(number));
  }
}
