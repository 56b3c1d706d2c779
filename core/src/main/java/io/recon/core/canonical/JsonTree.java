package io.recon.core.canonical;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Normalizes JSON from either side into one tree shape: {@link TreeMap} objects, lists, {@link
 * BigDecimal} numbers (so {@code 1} equals {@code 1.0}), strings, booleans and null.
 */
final class JsonTree {
  /**
   * The deepest nesting recon canonicalizes. MongoDB itself stores at most 100 levels; deeper JSON
   * becomes an {@code INVALID_VALUE} instead of recursing towards a StackOverflowError.
   */
  static final int MAX_DEPTH = 256;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .streamWriteConstraints(
                      // Room for the display of a tree of MAX_DEPTH levels.
                      StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH + 1).build())
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  /** A value that has no JSON meaning, such as a BSON binary inside a document. */
  static class NotJson extends Exception {
    NotJson(String message) {
      super(message, null, false, false);
    }
  }

  /** A value nested deeper than {@link #MAX_DEPTH}: an {@code INVALID_VALUE}. */
  static final class TooDeep extends NotJson {
    TooDeep() {
      super("JSON nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  private JsonTree() {}

  /**
   * Parses JSON text as PostgreSQL json/jsonb renders it, straight from the parser's tokens into
   * the tree (no JsonNode tree in between). Like {@code readTree}, it reads the first value and
   * ignores what follows; empty text is null.
   */
  static Object parse(String text, boolean unordered) throws NotJson {
    // Plain JSON, which is all PostgreSQL renders for valid jsonb, needs no parser object.
    Object fast = JsonText.parse(text, unordered);
    return fast != JsonText.UNSURE ? fast : parseTokens(text, unordered);
  }

  /** {@link #parse} by Jackson's tokens alone: what {@link JsonText} leaves undecided. */
  static Object parseTokens(String text, boolean unordered) throws NotJson {
    try (JsonParser p = MAPPER.getFactory().createParser(text)) {
      JsonToken first = p.nextToken();
      return first == null ? null : fromTokens(p, first, unordered);
    } catch (StreamConstraintsException e) {
      if (e.getMessage() != null && e.getMessage().contains("nesting depth")) {
        throw new TooDeep();
      }
      throw new NotJson("JSON text beyond the parser's limits: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new NotJson("invalid JSON text: " + e.getOriginalMessage());
    } catch (IOException e) {
      // Reading a String does no I/O; nothing else throws this.
      throw new NotJson("invalid JSON text: " + e.getMessage());
    }
  }

  // The parser refuses anything deeper than MAX_DEPTH, so this recursion is bounded.
  private static Object fromTokens(JsonParser p, JsonToken t, boolean unordered)
      throws IOException {
    switch (t) {
      case START_OBJECT:
        {
          var map = new TreeMap<String, Object>();
          for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
            ended(f);
            String name = p.currentName();
            map.put(name, fromTokens(p, p.nextToken(), unordered));
          }
          return Collections.unmodifiableMap(map);
        }
      case START_ARRAY:
        {
          var list = new ArrayList<>();
          for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            ended(e);
            list.add(fromTokens(p, e, unordered));
          }
          return finish(list, unordered);
        }
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return number(p.getDecimalValue());
      case VALUE_STRING:
        return p.getText();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  // The parser itself refuses an unclosed container; this keeps a loop from ever spinning on one.
  private static void ended(JsonToken t) throws IOException {
    if (t == null) {
      throw new IOException("unexpected end of JSON text");
    }
  }

  /** Converts Java or BSON values (Document, Map, List, numbers, strings...) into the tree. */
  static Object fromValue(Object value, boolean unordered) throws NotJson {
    return fromValue(value, unordered, 0);
  }

  private static Object fromValue(Object value, boolean unordered, int depth) throws NotJson {
    if (depth > MAX_DEPTH) {
      throw new TooDeep();
    }
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Map<?, ?> m) {
      var map = new TreeMap<String, Object>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        map.put(String.valueOf(e.getKey()), fromValue(e.getValue(), unordered, depth + 1));
      }
      return Collections.unmodifiableMap(map);
    }
    if (value instanceof List<?> l) {
      var list = new ArrayList<>(l.size());
      for (Object o : l) {
        list.add(fromValue(o, unordered, depth + 1));
      }
      return finish(list, unordered);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return number(BigDecimal.valueOf(((Number) value).longValue()));
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NotJson("non-finite number " + d);
      }
      return number(new BigDecimal(value.toString()));
    }
    if (value instanceof BigDecimal || value instanceof BigInteger) {
      return number(new BigDecimal(value.toString()));
    }
    if (value instanceof Decimal128 d) {
      return number(Numbers.decimal128(d).orElseThrow(() -> new NotJson("non-finite " + d)));
    }
    // Types JSON lacks, rendered as text the way a JSON export of the document would.
    if (value instanceof Date d) {
      return d.toInstant().toString();
    }
    if (value instanceof ObjectId || value instanceof UUID) {
      return value.toString();
    }
    throw new NotJson("no JSON form for " + value.getClass().getSimpleName());
  }

  static BigDecimal number(BigDecimal d) {
    return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
  }

  // unorderedArrays compares arrays as multisets: sorting by encoding makes equal multisets equal.
  static List<Object> finish(List<Object> list, boolean unordered) {
    if (unordered) {
      list.sort((a, b) -> Arrays.compareUnsigned(encode(a), encode(b)));
    }
    return Collections.unmodifiableList(list);
  }

  private static byte[] encode(Object tree) {
    var out = new CanonicalEncoder();
    out.json(tree);
    return out.toByteArray();
  }

  /** Compact JSON text of a tree, for display. */
  static String toText(Object tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      return String.valueOf(tree);
    }
  }
}
