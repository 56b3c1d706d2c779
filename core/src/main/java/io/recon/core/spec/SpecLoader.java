package io.recon.core.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses a job spec from its text; reading the file is the caller's ({@code
 * io.recon.starter.SpecFile}), so that core stays free of I/O. It works on SnakeYAML's node tree,
 * not on bound objects, so that every problem carries its line and column, and it reports all
 * problems of a file at once.
 */
public final class SpecLoader {
  private static final Set<String> KEYS =
      Set.of(
          "name",
          "owner",
          "approvers",
          "source",
          "target",
          "fields",
          "nullEqualsAbsent",
          "missing",
          "orphan",
          "partitions",
          "parallelism",
          "settle",
          "repair",
          "schedule",
          "auditKeys",
          "limits",
          "feed",
          "escalation",
          "retention");
  private static final Set<String> REQUIRED = Set.of("name", "owner", "source", "target", "fields");

  private SpecLoader() {}

  /**
   * Parses and validates {@code yaml}; {@code fileName} only labels the problems.
   *
   * @throws SpecException listing every problem
   */
  public static JobSpec parse(String yaml, String fileName) {
    var r = new NodeReader(fileName);
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(yaml));
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String message = "invalid YAML: " + e.getProblem();
      throw new SpecException(
          List.of(
              new SpecProblem(fileName, mark.getLine() + 1, mark.getColumn() + 1, "", message)));
    } catch (YAMLException e) {
      throw new SpecException(
          List.of(new SpecProblem(fileName, 1, 1, "", "invalid YAML: " + e.getMessage())));
    }
    if (root == null) {
      throw new SpecException(List.of(new SpecProblem(fileName, 1, 1, "", "the file is empty")));
    }
    JobSpec spec = new JobReader(r, yaml).read(root);
    if (!r.problems().isEmpty() || spec == null) {
      var problems = new ArrayList<>(r.problems());
      problems.sort(
          java.util.Comparator.comparingInt(SpecProblem::line)
              .thenComparingInt(SpecProblem::column));
      throw new SpecException(problems);
    }
    return spec;
  }

  /** One pass over a document; keeps the reader and the positions cross-checks report at. */
  private static final class JobReader {
    private final NodeReader r;
    private final String yaml;

    JobReader(NodeReader r, String yaml) {
      this.r = r;
      this.yaml = yaml;
    }

    JobSpec read(Node root) {
      Map<String, Node> m = r.mapping(root, "", KEYS, REQUIRED);
      if (m == null) {
        return null;
      }
      String name = opt(m, "name", r::string);
      if (name != null && !JobSpec.NAME.matcher(name).matches()) {
        r.problem(m.get("name"), "name", "'" + name + "' must match [a-z0-9-]+");
      }
      String owner = opt(m, "owner", r::string);
      List<String> approvers =
          opt(m, "approvers", (n, p) -> r.list(n, p, (e, q) -> r.string(e, q)));
      SourceSpec source = opt(m, "source", (n, p) -> SectionReaders.source(r, n, p));
      if (source != null && source.query() != null) {
        QueryPositions.check(r, yaml, Nodes.child(m.get("source"), "query"), source.query());
      }
      TargetSpec target = opt(m, "target", (n, p) -> SectionReaders.target(r, n, p));
      // Counted from the nodes, so the check runs even when another part of a section is wrong.
      int sourceKeys = Nodes.sequenceSize(m.get("source"), "key");
      int targetKeys = Nodes.sequenceSize(m.get("target"), "key");
      if (sourceKeys > 0 && targetKeys > 0 && sourceKeys != targetKeys) {
        r.problem(
            m.get("target"),
            "target.key",
            "has "
                + targetKeys
                + " columns but source.key has "
                + sourceKeys
                + "; they pair up in order");
      }
      List<String> keyPaths = target == null ? List.of() : target.key();
      List<FieldSpec> fields = opt(m, "fields", (n, p) -> fields(n, p, keyPaths));
      Boolean nullEqualsAbsent = opt(m, "nullEqualsAbsent", r::bool);
      MissingPolicy missing = opt(m, "missing", (n, p) -> SectionReaders.missing(r, n, p));
      OrphanPolicy orphan = opt(m, "orphan", (n, p) -> SectionReaders.orphan(r, n, p));
      Long partitions = opt(m, "partitions", (n, p) -> r.integer(n, p, 1));
      Long parallelism = opt(m, "parallelism", (n, p) -> r.integer(n, p, 1));
      var settle = opt(m, "settle", r::duration);
      RepairPolicy repair = opt(m, "repair", (n, p) -> SectionReaders.repair(r, n, p));
      String schedule = opt(m, "schedule", r::string);
      if (schedule != null && schedule.strip().split("\\s+").length != 5) {
        r.problem(m.get("schedule"), "schedule", "expected a 5-field cron expression");
      }
      AuditKeys auditKeys = opt(m, "auditKeys", (n, p) -> r.enumValue(AuditKeys.class, n, p));
      Limits limits = opt(m, "limits", (n, p) -> SectionReaders.limits(r, n, p));
      FeedSpec feed = opt(m, "feed", (n, p) -> FeedSpec.read(r, n, p));
      FeedSpec.check(r, m.get("feed"), feed, name, source);
      Escalation escalation = opt(m, "escalation", (n, p) -> Escalation.read(r, n, p));
      Retention retention = opt(m, "retention", (n, p) -> Retention.read(r, n, p));
      if (!r.problems().isEmpty()) {
        return null;
      }
      try {
        return new JobSpec(
            name,
            owner,
            approvers,
            source,
            target,
            fields,
            nullEqualsAbsent == null || nullEqualsAbsent,
            missing,
            orphan,
            partitions == null ? JobSpec.DEFAULT_PARTITIONS : Math.toIntExact(partitions),
            parallelism == null ? JobSpec.DEFAULT_PARALLELISM : Math.toIntExact(parallelism),
            settle,
            repair,
            schedule,
            auditKeys,
            limits,
            feed,
            escalation,
            retention);
      } catch (IllegalArgumentException | ArithmeticException e) {
        r.problem(root, "", e.getMessage());
        return null;
      }
    }

    private List<FieldSpec> fields(Node node, String path, List<String> keyPaths) {
      List<Node> nodes = r.list(node, path, (n, p) -> n);
      if (nodes == null) {
        return null;
      }
      if (nodes.isEmpty()) {
        r.problem(node, path, "list at least one field to compare");
      }
      var fields = new ArrayList<FieldSpec>();
      var targets = new ArrayList<String>();
      for (int i = 0; i < nodes.size(); i++) {
        fields.add(FieldReader.read(r, nodes.get(i), path + "[" + i + "]"));
        String target = Nodes.scalar(nodes.get(i), "target");
        String keyPath =
            target == null
                ? null
                : keyPaths.stream()
                    .filter(k -> JobSpec.pathsOverlap(target, k))
                    .findFirst()
                    .orElse(null);
        if (keyPath != null) {
          // The key identifies the document: a repair must never rewrite it as a field.
          r.problem(
              Nodes.child(nodes.get(i), "target"),
              path + "[" + i + "].target",
              "target path '"
                  + target
                  + "' is the key path '"
                  + keyPath
                  + "' (target.key), not a field");
        }
        for (int j = 0; target != null && j < targets.size(); j++) {
          String other = targets.get(j);
          if (other != null && JobSpec.pathsOverlap(target, other)) {
            r.problem(
                Nodes.child(nodes.get(i), "target"),
                path + "[" + i + "].target",
                target.equals(other)
                    ? "target path '" + target + "' is already compared by fields[" + j + "]"
                    : "target path '"
                        + target
                        + "' overlaps '"
                        + other
                        + "' of fields["
                        + j
                        + "]; compare either the object or its members");
            break;
          }
        }
        targets.add(target);
      }
      return fields.contains(null) ? null : fields;
    }

    private <T> T opt(Map<String, Node> m, String key, BiFunction<Node, String, T> read) {
      Node node = m.get(key);
      return node == null ? null : read.apply(node, key);
    }
  }
}
