package io.recon.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One reconciliation job, as read from its YAML file by {@link SpecLoader}. It travels through
 * Temporal as workflow input, so it round-trips through Jackson (with {@code JavaTimeModule}) and
 * carries no derived state.
 *
 * @param name {@code [a-z0-9-]+}; used in workflow ids, metrics and the audit
 * @param approvers who may approve repairs
 * @param fields the compared fields, in the order that defines the record hash
 * @param nullEqualsAbsent whether a null field equals an absent one
 * @param partitions key ranges per cycle, at least 1
 * @param parallelism partitions compared at once, at least 1
 * @param settle delay before mismatches are rechecked, so in-flight writes are not reported
 * @param schedule optional 5-field cron expression
 * @param limits the job's cap on reads and writes per second; {@link Limits#NONE} by default
 * @param feed the continuous mode's settings, or null when the spec has no {@code feed:} (then
 *     {@link #feedSettings()} gives the defaults). Null sections are left out of the JSON, so a
 *     spec without them keeps its canonical hash
 * @param escalation where the owner is told of events that need a human, or null
 * @param retention how long the job's records are kept, or null for the global settings
 */
public record JobSpec(
    String name,
    String owner,
    List<String> approvers,
    SourceSpec source,
    TargetSpec target,
    List<FieldSpec> fields,
    boolean nullEqualsAbsent,
    MissingPolicy missing,
    OrphanPolicy orphan,
    int partitions,
    int parallelism,
    Duration settle,
    RepairPolicy repair,
    String schedule,
    AuditKeys auditKeys,
    Limits limits,
    @JsonInclude(JsonInclude.Include.NON_NULL) FeedSpec feed,
    @JsonInclude(JsonInclude.Include.NON_NULL) Escalation escalation,
    @JsonInclude(JsonInclude.Include.NON_NULL) Retention retention) {

  public static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
  public static final int DEFAULT_PARTITIONS = 16;
  public static final int DEFAULT_PARALLELISM = 4;
  public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(30);
  private static final Pattern CRON = Pattern.compile("\\S+( \\S+){4}");

  public JobSpec {
    Require.check(name != null && NAME.matcher(name).matches(), "name", "must match [a-z0-9-]+");
    Require.nonBlank(owner, "owner");
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
    Require.nonNull(source, "source");
    Require.nonNull(target, "target");
    Require.check(
        source.key().size() == target.key().size(),
        "target.key",
        "must have as many columns as source.key");
    fields = fields == null ? List.of() : List.copyOf(fields);
    checkTargetPaths(fields);
    missing = missing == null ? MissingPolicy.DEFAULT : missing;
    orphan = orphan == null ? OrphanPolicy.DEFAULT : orphan;
    Require.check(partitions >= 1, "partitions", "must be >= 1");
    Require.check(parallelism >= 1, "parallelism", "must be >= 1");
    settle = settle == null ? DEFAULT_SETTLE : settle;
    Require.check(!settle.isNegative(), "settle", "must be >= 0");
    repair = repair == null ? RepairPolicy.DEFAULT : repair;
    Require.check(
        schedule == null || CRON.matcher(schedule.strip()).matches(),
        "schedule",
        "must be a 5-field cron expression");
    auditKeys = auditKeys == null ? AuditKeys.PLAIN : auditKeys;
    limits = limits == null ? Limits.NONE : limits;
  }

  /** The spec without the optional sections added after version 1 of the format. */
  public JobSpec(
      String name,
      String owner,
      List<String> approvers,
      SourceSpec source,
      TargetSpec target,
      List<FieldSpec> fields,
      boolean nullEqualsAbsent,
      MissingPolicy missing,
      OrphanPolicy orphan,
      int partitions,
      int parallelism,
      Duration settle,
      RepairPolicy repair,
      String schedule,
      AuditKeys auditKeys,
      Limits limits) {
    this(
        name,
        owner,
        approvers,
        source,
        target,
        fields,
        nullEqualsAbsent,
        missing,
        orphan,
        partitions,
        parallelism,
        settle,
        repair,
        schedule,
        auditKeys,
        limits,
        null,
        null,
        null);
  }

  /** The continuous mode's settings: the spec's {@code feed:}, or the defaults. */
  @JsonIgnore
  public FeedSpec feedSettings() {
    return feed == null ? FeedSpec.DEFAULT : feed;
  }

  /**
   * SHA-256 hex of the canonical JSON form (properties and map keys sorted). Two specs that mean
   * the same compare the same way, so the audit and cycle records can say which spec produced a
   * verdict.
   */
  @JsonIgnore
  public String canonicalHash() {
    return SpecJson.canonicalSha256(this);
  }

  /** This spec with another settle delay: a start input may override the spec's own. */
  public JobSpec withSettle(Duration newSettle) {
    return new JobSpec(
        name,
        owner,
        approvers,
        source,
        target,
        fields,
        nullEqualsAbsent,
        missing,
        orphan,
        partitions,
        parallelism,
        newSettle,
        repair,
        schedule,
        auditKeys,
        limits,
        feed,
        escalation,
        retention);
  }

  /** Whether {@code a} equals {@code b} or one is a dotted prefix of the other. */
  public static boolean pathsOverlap(String a, String b) {
    return a.equals(b) || a.startsWith(b + ".") || b.startsWith(a + ".");
  }

  private static void checkTargetPaths(List<FieldSpec> fields) {
    var seen = new HashSet<String>();
    for (FieldSpec f : fields) {
      for (String other : seen) {
        Require.check(
            !pathsOverlap(f.target(), other),
            "fields[" + f.target() + "].target",
            "overlaps target path " + other);
      }
      seen.add(f.target());
    }
  }
}
