package io.recon.core.canonical;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3 x64 128 with seed 0, bit for bit the hash of Guava's {@code Hashing.murmur3_128()},
 * over a slice of an array: no hasher, buffer or {@code HashCode} per record. The record hashes
 * recon stores (discrepancies, repair idempotency keys) keep their values.
 */
final class Murmur3 {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private Murmur3() {}

  /** The 128-bit hash of {@code data[0, length)} as 32 hex digits, in Guava's byte order. */
  static String hex128(byte[] data, int length) {
    long[] h = hash(data, length);
    return hex128(h[0], h[1]);
  }

  /** The 32 hex digits of the hash whose halves {@link #hash} returned. */
  static String hex128(long h1, long h2) {
    byte[] out = new byte[32];
    hexLittleEndian(h1, out, 0);
    hexLittleEndian(h2, out, 16);
    // Latin-1 bytes become the string's own array: no char[] and no compression pass.
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /** The first 64 bits of the hash as 16 hex digits, as Guava's first 8 bytes print. */
  static String hex64(byte[] data, int length) {
    byte[] out = new byte[16];
    hexLittleEndian(hash(data, length)[0], out, 0);
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /** The two 64-bit halves of the 128-bit hash of {@code data[0, length)}. */
  static long[] hash(byte[] data, int length) {
    long h1 = 0;
    long h2 = 0;
    int blocks = length / 16;
    for (int b = 0; b < blocks; b++) {
      int i = b * 16;
      long k1 = littleEndianLong(data, i);
      long k2 = littleEndianLong(data, i + 8);
      h1 ^= mixK1(k1);
      h1 = Long.rotateLeft(h1, 27);
      h1 += h2;
      h1 = h1 * 5 + 0x52dce729;
      h2 ^= mixK2(k2);
      h2 = Long.rotateLeft(h2, 31);
      h2 += h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    int tail = blocks * 16;
    int rest = length - tail;
    if (rest > 0) {
      long k1 = 0;
      long k2 = 0;
      for (int j = Math.min(rest, 16) - 1; j >= 8; j--) {
        k2 ^= (long) (data[tail + j] & 0xff) << (8 * (j - 8));
      }
      for (int j = Math.min(rest, 8) - 1; j >= 0; j--) {
        k1 ^= (long) (data[tail + j] & 0xff) << (8 * j);
      }
      h1 ^= mixK1(k1);
      h2 ^= mixK2(k2);
    }
    h1 ^= length;
    h2 ^= length;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 += h2;
    h2 += h1;
    return new long[] {h1, h2};
  }

  // One 8-byte load where the JIT can, instead of eight byte loads, shifts and ors.
  private static final VarHandle LITTLE_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static long littleEndianLong(byte[] d, int i) {
    return (long) LITTLE_ENDIAN_LONG.get(d, i);
  }

  private static long mixK1(long k1) {
    k1 *= C1;
    k1 = Long.rotateLeft(k1, 31);
    return k1 * C2;
  }

  private static long mixK2(long k2) {
    k2 *= C2;
    k2 = Long.rotateLeft(k2, 33);
    return k2 * C1;
  }

  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  private static void hexLittleEndian(long v, byte[] out, int at) {
    for (int b = 0; b < 8; b++) {
      int x = (int) (v >>> (8 * b)) & 0xff;
      out[at + 2 * b] = HEX[x >>> 4];
      out[at + 2 * b + 1] = HEX[x & 0xf];
    }
  }
}
