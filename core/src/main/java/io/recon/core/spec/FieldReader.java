package io.recon.core.spec;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one entry of {@code fields}. */
final class FieldReader {
  private static final Set<String> KEYS =
      Set.of(
          "source",
          "target",
          "type",
          "normalize",
          "severity",
          "scale",
          "tolerance",
          "precision",
          "zone",
          "unorderedArrays",
          "bsonType");
  private static final Set<String> REQUIRED = Set.of("source", "target", "type");

  private FieldReader() {}

  /** The field, or null after recording its problems. */
  static FieldSpec read(NodeReader r, Node node, String path) {
    Map<String, Node> m = r.mapping(node, path, KEYS, REQUIRED);
    if (m == null) {
      return null;
    }
    int before = r.problems().size();
    String source = m.containsKey("source") ? r.string(m.get("source"), path + ".source") : null;
    String target = m.containsKey("target") ? r.string(m.get("target"), path + ".target") : null;
    FieldType type =
        m.containsKey("type") ? r.enumValue(FieldType.class, m.get("type"), path + ".type") : null;
    List<Normalizer> normalize =
        m.containsKey("normalize")
            ? r.list(
                m.get("normalize"),
                path + ".normalize",
                (n, p) -> r.enumValue(Normalizer.class, n, p))
            : null;
    Severity severity = read(r, m, "severity", path, Severity.class);
    Long scale = m.containsKey("scale") ? r.integer(m.get("scale"), path + ".scale", 0) : null;
    BigDecimal tolerance =
        m.containsKey("tolerance")
            ? r.decimal(m.get("tolerance"), path + ".tolerance", BigDecimal.ZERO, null)
            : null;
    TimePrecision precision = read(r, m, "precision", path, TimePrecision.class);
    String zone = m.containsKey("zone") ? zone(r, m.get("zone"), path + ".zone") : null;
    Boolean unordered =
        m.containsKey("unorderedArrays")
            ? r.bool(m.get("unorderedArrays"), path + ".unorderedArrays")
            : null;
    BsonType bsonType = read(r, m, "bsonType", path, BsonType.class);
    if (bsonType != null && type != null && !BsonType.allowed(type).contains(bsonType)) {
      var allowed = BsonType.allowed(type).stream().map(YamlNames::of).toList();
      r.problem(
          m.get("bsonType"),
          path + ".bsonType",
          "a "
              + YamlNames.of(type)
              + " field cannot be stored as "
              + YamlNames.of(bsonType)
              + (allowed.isEmpty()
                  ? "; bsonType does not apply to " + YamlNames.of(type) + " fields"
                  : "; use one of " + String.join(", ", allowed)));
    }
    String badPath = target == null ? null : TargetPaths.problem(target);
    if (badPath != null) {
      r.problem(m.get("target"), path + ".target", badPath);
    }
    if (type == FieldType.DECIMAL && !m.containsKey("scale")) {
      r.problem(node, path + ".scale", "decimal fields need a scale (decimal places)");
    }
    if (normalize != null && type != null && type != FieldType.STRING && !normalize.isEmpty()) {
      r.problem(
          m.get("normalize"),
          path + ".normalize",
          "normalize rules apply to string fields only, not " + YamlNames.of(type));
    }
    if (r.problems().size() > before) {
      return null;
    }
    try {
      return new FieldSpec(
          source,
          target,
          type,
          normalize,
          severity,
          scale == null ? null : Math.toIntExact(scale),
          tolerance,
          precision,
          zone,
          Boolean.TRUE.equals(unordered),
          bsonType);
    } catch (IllegalArgumentException | ArithmeticException e) {
      r.problem(node, path, e.getMessage());
      return null;
    }
  }

  private static <E extends Enum<E>> E read(
      NodeReader r, Map<String, Node> m, String key, String path, Class<E> type) {
    return m.containsKey(key) ? r.enumValue(type, m.get(key), path + "." + key) : null;
  }

  private static String zone(NodeReader r, Node node, String path) {
    String text = r.string(node, path);
    try {
      return text == null ? null : ZoneId.of(text).getId();
    } catch (DateTimeException e) {
      r.problem(node, path, "'" + text + "' is not an IANA time zone such as Europe/Paris");
      return null;
    }
  }
}
