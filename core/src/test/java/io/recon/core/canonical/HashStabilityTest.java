package io.recon.core.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.hash.Hashing;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.TimePrecision;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The record and field hashes are stored (discrepancies, repair idempotency keys, the target hash a
 * repair compares against), so the reused-buffer encoder and the own murmur3 must give exactly the
 * hashes of the encoding they replaced: a DataOutputStream per value, framed in blocks, hashed by
 * Guava's murmur3_128. That encoding is kept here, verbatim, as the reference.
 */
class HashStabilityTest {
  @Property(tries = 2000)
  void recordAndFieldHashesEqualThePreviousEncoding(@ForAll("records") List<CanonicalValue> values)
      throws IOException {
    var record = new CanonicalRecord(RecordKey.of(7), values);
    var framed = new Legacy();
    framed.block(ByteBuffer.allocate(4).putInt(values.size()).array());
    var fieldHashes = new ArrayList<String>();
    for (CanonicalValue v : values) {
      byte[] encoded = new Legacy().value(v).bytes();
      framed.block(encoded);
      fieldHashes.add(
          HexFormat.of().formatHex(Hashing.murmur3_128().hashBytes(encoded).asBytes(), 0, 8));
    }
    assertEquals(Hashing.murmur3_128().hashBytes(framed.bytes()).toString(), record.hashHex());
    assertEquals(fieldHashes, record.fieldHashes());
  }

  @Provide
  Arbitrary<List<CanonicalValue>> records() {
    return value().list().ofMaxSize(12);
  }

  private static Arbitrary<String> text() {
    // ASCII, Latin-1, CJK, emoji (surrogate pairs) and lone surrogates, which UTF-8 writes as '?'.
    return Arbitraries.oneOf(
        Arbitraries.strings().ascii().ofMaxLength(40),
        Arbitraries.strings().all().ofMaxLength(20),
        Arbitraries.of("é", "日本語", "a\uD83D\uDE00b", "x\uD800", "\uDC00y", "", "\u0000"));
  }

  private static Arbitrary<Object> json(int depth) {
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(
            text().map(s -> (Object) s),
            Arbitraries.bigDecimals().ofScale(3).map(d -> (Object) d),
            Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b),
            Arbitraries.just(null));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Object> list = json(depth - 1).list().ofMaxSize(4).map(l -> (Object) l);
    Arbitrary<Object> map =
        Arbitraries.maps(text(), json(depth - 1)).ofMaxSize(4).map(m -> (Object) new TreeMap<>(m));
    return Arbitraries.oneOf(leaf, list, map);
  }

  private static Arbitrary<CanonicalValue> value() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            CanonicalValue.Null.INSTANCE,
            CanonicalValue.Absent.INSTANCE,
            CanonicalValue.Special.NAN,
            CanonicalValue.Special.NEGATIVE_INFINITY),
        text().map(CanonicalValue.Text::new),
        text().map(s -> new CanonicalValue.Invalid('T', "<" + s + ">")),
        Arbitraries.bigDecimals().ofScale(2).map(CanonicalValue.Num::new),
        Arbitraries.doubles().map(d -> new CanonicalValue.Dbl(d, Numbers.roundDouble(d))),
        Arbitraries.of(true, false).map(CanonicalValue.Bool::new),
        Arbitraries.longs()
            .between(-10_000_000_000L, 10_000_000_000L)
            .map(
                s -> {
                  Instant i = Instant.ofEpochSecond(s, Math.floorMod(s, 1_000_000) * 1000L);
                  return new CanonicalValue.Timestamp(i, TimePrecision.MICROS, i);
                }),
        Arbitraries.longs()
            .between(-100_000, 100_000)
            .map(d -> new CanonicalValue.Day(LocalDate.ofEpochDay(d))),
        Arbitraries.longs().map(l -> new CanonicalValue.Uuid(new UUID(l, ~l))),
        json(2).map(CanonicalValue.Json::new));
  }

  /** The encoder as it was before the reused buffer, unchanged. */
  private static final class Legacy {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final DataOutputStream out = new DataOutputStream(bytes);

    Legacy value(CanonicalValue value) throws IOException {
      if (value instanceof CanonicalValue.Null) {
        out.writeByte('N');
      } else if (value instanceof CanonicalValue.Absent) {
        out.writeByte('A');
      } else if (value instanceof CanonicalValue.Invalid i) {
        out.writeByte('X');
        out.writeByte(i.side());
        text(i.found());
      } else if (value instanceof CanonicalValue.Special x) {
        out.writeByte('Z');
        out.writeByte(x.ordinal());
      } else if (value instanceof CanonicalValue.Text t) {
        out.writeByte('S');
        text(t.value());
      } else if (value instanceof CanonicalValue.Num n) {
        out.writeByte('D');
        text(n.value().toPlainString());
      } else if (value instanceof CanonicalValue.Dbl d) {
        out.writeByte('F');
        text(d.rounded().toString());
      } else if (value instanceof CanonicalValue.Bool b) {
        out.writeByte(b.value() ? 'T' : 'f');
      } else if (value instanceof CanonicalValue.Timestamp t) {
        out.writeByte('I');
        out.writeLong(t.hashed().getEpochSecond());
        out.writeInt(t.hashed().getNano());
      } else if (value instanceof CanonicalValue.Day d) {
        out.writeByte('Y');
        out.writeLong(d.value().toEpochDay());
      } else if (value instanceof CanonicalValue.Uuid u) {
        out.writeByte('U');
        out.writeLong(u.value().getMostSignificantBits());
        out.writeLong(u.value().getLeastSignificantBits());
      } else if (value instanceof CanonicalValue.Json j) {
        out.writeByte('J');
        json(j.tree());
      }
      return this;
    }

    void json(Object tree) throws IOException {
      if (tree == null) {
        out.writeByte('n');
      } else if (tree instanceof Map<?, ?> m) {
        out.writeByte('{');
        out.writeInt(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
          text((String) e.getKey());
          json(e.getValue());
        }
      } else if (tree instanceof List<?> l) {
        out.writeByte('[');
        out.writeInt(l.size());
        for (Object o : l) {
          json(o);
        }
      } else if (tree instanceof BigDecimal d) {
        out.writeByte('#');
        text(d.toString());
      } else if (tree instanceof Boolean b) {
        out.writeByte(b ? 't' : 'F');
      } else {
        out.writeByte('s');
        text((String) tree);
      }
    }

    void block(byte[] block) throws IOException {
      out.writeInt(block.length);
      out.write(block);
    }

    private void text(String s) throws IOException {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(utf8.length);
      out.write(utf8);
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }
}
