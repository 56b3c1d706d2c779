package io.recon.core.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.hash.Hashing;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Murmur3Test {
  @Test
  void hashesEveryLengthExactlyAsGuavaMurmur3_128() {
    var random = new SplittableRandom(17);
    for (int length = 0; length <= 300; length++) {
      for (int round = 0; round < 20; round++) {
        byte[] data = new byte[length + 7];
        random.nextBytes(data);
        String guava = Hashing.murmur3_128().hashBytes(data, 0, length).toString();
        assertEquals(guava, Murmur3.hex128(data, length), "length " + length);
        byte[] exact = Arrays.copyOf(data, length);
        assertEquals(
            HexFormat.of().formatHex(Hashing.murmur3_128().hashBytes(exact).asBytes(), 0, 8),
            Murmur3.hex64(data, length),
            "length " + length);
      }
    }
  }
}
