package io.recon.core.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * The source's jsonb is parsed from the parser's tokens straight into the tree; the tree must be
 * exactly what the JsonNode route it replaced built (kept here as the reference), or a verdict or a
 * stored hash would move.
 */
class JsonParseEquivalenceTest {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private static Object reference(String text, boolean unordered) throws Exception {
    Object tree = fromNode(MAPPER.readTree(text));
    return tree;
  }

  private static Object fromNode(JsonNode node) {
    if (node.isObject()) {
      var map = new TreeMap<String, Object>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), fromNode(e.getValue())));
      return Collections.unmodifiableMap(map);
    }
    if (node.isArray()) {
      var list = new ArrayList<>();
      node.forEach(n -> list.add(fromNode(n)));
      return list;
    }
    if (node.isNumber()) {
      var d = node.decimalValue();
      return d.signum() == 0 ? java.math.BigDecimal.ZERO : d.stripTrailingZeros();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return null;
  }

  private static void same(String text) throws Exception {
    assertEquals(reference(text, false), JsonTree.parse(text, false), text);
  }

  @Example
  void edgeCasesParseAsBefore() throws Exception {
    for (String text :
        new String[] {
          "",
          "  ",
          "null",
          "0",
          "-0",
          "-0.0",
          "1.50",
          "1e5",
          "1E-7",
          "123456789012345678901234567890",
          "1.0000000000000000000000001",
          "\"a\\u00e9\\ud83d\\ude00\"",
          "true",
          "false",
          "[]",
          "{}",
          "{\"b\":1,\"a\":[1,2.0,{\"c\":null}],\"b\":2}",
          "[[[]],[{}],null,\"\"]",
          "1 2",
          "{\"a\": {\"b\": {\"c\": [true, false, 1.25e2]}}}"
        }) {
      same(text);
    }
  }

  @Property(tries = 500)
  void generatedDocumentsParseAsBefore(
      @ForAll @StringLength(max = 6) String key,
      @ForAll int i,
      @ForAll double d,
      @ForAll @IntRange(min = 0, max = 3) int depth)
      throws Exception {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      d = 0.5;
    }
    String leaf = "{" + MAPPER.writeValueAsString(key) + ":[" + i + "," + d + ",\"x\"]}";
    String text = leaf;
    for (int k = 0; k < depth; k++) {
      text =
          "{\"n\":" + text + ",\"m\":[" + text + ",null]," + MAPPER.writeValueAsString(key) + ":1}";
    }
    same(text);
  }
}
