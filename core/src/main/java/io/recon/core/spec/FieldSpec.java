package io.recon.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * One compared field. Options that do not apply to the type keep their defaults and are ignored.
 *
 * @param source the source column
 * @param target the dotted path into the document
 * @param normalize string rules, applied in the declared order; only for {@code STRING}
 * @param severity default {@code MEDIUM}
 * @param scale decimal places, required for {@code DECIMAL}; values are rounded HALF_UP to it
 * @param tolerance optional absolute tolerance for {@code DECIMAL}, {@code DOUBLE}, {@code INTEGER}
 * @param precision for {@code TIMESTAMP}; default {@code MILLIS}
 * @param zone IANA zone of a {@code timestamp without time zone} source column; default UTC
 * @param unorderedArrays for {@code JSON}: compare arrays as multisets; default false
 * @param bsonType the BSON type the target stores, which repairs write; null to keep the type the
 *     document (or, for a missing document, its siblings) already uses
 */
public record FieldSpec(
    String source,
    String target,
    FieldType type,
    List<Normalizer> normalize,
    Severity severity,
    Integer scale,
    BigDecimal tolerance,
    TimePrecision precision,
    String zone,
    boolean unorderedArrays,
    // Left out of the JSON when unset, so the hash of a spec that does not use it is unchanged.
    @JsonInclude(JsonInclude.Include.NON_NULL) BsonType bsonType) {

  public FieldSpec {
    Require.nonBlank(source, "fields[].source");
    Require.nonBlank(target, "fields[].target");
    Require.nonNull(type, "fields[].type");
    normalize = normalize == null ? List.of() : List.copyOf(normalize);
    severity = severity == null ? Severity.MEDIUM : severity;
    precision = precision == null ? TimePrecision.MILLIS : precision;
    zone = zone == null ? "UTC" : zone;
    Require.check(
        normalize.isEmpty() || type == FieldType.STRING,
        "fields[" + target + "].normalize",
        "applies to string fields only");
    Require.check(
        type != FieldType.DECIMAL || scale != null, "fields[" + target + "].scale", "is required");
    Require.check(scale == null || scale >= 0, "fields[" + target + "].scale", "must be >= 0");
    Require.check(
        tolerance == null || tolerance.signum() >= 0,
        "fields[" + target + "].tolerance",
        "must be >= 0");
    Require.check(
        bsonType == null || BsonType.allowed(type).contains(bsonType),
        "fields[" + target + "].bsonType",
        "cannot hold a " + YamlNames.of(type) + " field");
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "fields[" + target + "].zone is not an IANA zone: " + zone);
    }
  }

  /** A field whose repairs write the BSON type the target already uses. */
  public FieldSpec(
      String source,
      String target,
      FieldType type,
      List<Normalizer> normalize,
      Severity severity,
      Integer scale,
      BigDecimal tolerance,
      TimePrecision precision,
      String zone,
      boolean unorderedArrays) {
    this(
        source,
        target,
        type,
        normalize,
        severity,
        scale,
        tolerance,
        precision,
        zone,
        unorderedArrays,
        null);
  }

  /** A field with every option at its default. */
  public static FieldSpec of(String source, String target, FieldType type) {
    return new FieldSpec(source, target, type, null, null, null, null, null, null, false);
  }

  /** The declared zone as a {@link ZoneId}. */
  public ZoneId zoneId() {
    return ZoneId.of(zone);
  }
}
