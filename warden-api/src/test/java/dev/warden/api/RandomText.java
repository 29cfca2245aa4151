package dev.warden.api;

import java.util.Random;

/** Random well-formed text from an alphabet, surrogate pairs kept whole, for the tests' inputs. */
final class RandomText {

  private RandomText() {}

  /** Up to {@code maxLength - 1} characters of {@code alphabet}, never a lone surrogate. */
  static String of(Random random, String alphabet, int maxLength) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(maxLength); i > 0; i--) {
      int at = random.nextInt(alphabet.length() - 1);
      char c = alphabet.charAt(at);
      if (Character.isHighSurrogate(c)) {
        s.append(c).append(alphabet.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c)) {
        s.append(c);
      }
    }
    return s.toString();
  }
}
