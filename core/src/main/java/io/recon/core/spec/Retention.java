package io.recon.core.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * How long the job's reconciliation records are kept (spec key {@code retention:}); a null window
 * falls back to the global setting, and without one nothing of that kind is pruned.
 *
 * <p>The rules, checked where the windows are set (a spec, the global variables) and again on the
 * windows a prune applies once the two are combined: every window is at least {@link #MINIMUM} (a
 * shorter one is nearly always a unit slip, {@code 90m} for ninety months), the audit outlives the
 * discrepancies it speaks of ({@code audit >= discrepancies}), and before-images live no longer
 * than their discrepancies ({@code beforeImages <= discrepancies}), because a repair row goes with
 * its discrepancy.
 *
 * @param discrepancies how long settled discrepancies (and their repairs) are kept
 * @param beforeImages how long repair before-images are kept; rollback needs them
 * @param audit how long audit rows are kept; removed rows are sealed by a checkpoint
 */
public record Retention(Duration discrepancies, Duration beforeImages, Duration audit) {
  /** The shortest window accepted. */
  public static final Duration MINIMUM = Duration.ofDays(1);

  /** No window at all: nothing is pruned. */
  public static final Retention FOREVER = new Retention(null, null, null);

  public Retention {
    List<String> problems = problems(discrepancies, beforeImages, audit);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** This spec's windows, each falling back to {@code global}'s where this one sets none. */
  public Retention over(Retention global) {
    Retention g = global == null ? FOREVER : global;
    Duration d = discrepancies != null ? discrepancies : g.discrepancies;
    Duration b = beforeImages != null ? beforeImages : g.beforeImages;
    Duration a = audit != null ? audit : g.audit;
    List<String> problems = problems(d, b, a);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "the spec's retention combined with the global one breaks a rule: "
              + String.join("; ", problems));
    }
    return new Retention(d, b, a);
  }

  /** One window as a prune names it in its audit and its output, e.g. {@code beforeImages 30d}. */
  public static String describe(String key, Duration window) {
    return key + " " + Durations.format(window);
  }

  /** What is wrong with these windows, each naming its key; empty when they are fine. */
  static List<String> problems(Duration discrepancies, Duration beforeImages, Duration audit) {
    List<String> problems = new ArrayList<>();
    minimum("discrepancies", discrepancies, problems);
    minimum("beforeImages", beforeImages, problems);
    minimum("audit", audit, problems);
    if (audit != null && discrepancies != null && audit.compareTo(discrepancies) < 0) {
      problems.add(
          "audit must not be shorter than discrepancies ("
              + Durations.format(audit)
              + " < "
              + Durations.format(discrepancies)
              + "): the audit must outlive the records it speaks of");
    }
    if (beforeImages != null
        && discrepancies != null
        && beforeImages.compareTo(discrepancies) > 0) {
      problems.add(
          "beforeImages must not be longer than discrepancies ("
              + Durations.format(beforeImages)
              + " > "
              + Durations.format(discrepancies)
              + "): a before-image is pruned with its discrepancy's repair");
    }
    return problems;
  }

  private static void minimum(String key, Duration window, List<String> problems) {
    if (window != null && window.compareTo(MINIMUM) < 0) {
      problems.add(key + " must be at least 1d, got " + Durations.format(window));
    }
  }

  static Retention read(NodeReader r, Node node, String path) {
    Map<String, Node> m =
        r.mapping(node, path, Set.of("discrepancies", "beforeImages", "audit"), Set.of());
    if (m == null) {
      return null;
    }
    int before = r.problems().size();
    Duration discrepancies =
        m.containsKey("discrepancies")
            ? r.duration(m.get("discrepancies"), path + ".discrepancies")
            : null;
    Duration beforeImages =
        m.containsKey("beforeImages")
            ? r.duration(m.get("beforeImages"), path + ".beforeImages")
            : null;
    Duration audit = m.containsKey("audit") ? r.duration(m.get("audit"), path + ".audit") : null;
    if (r.problems().size() > before) {
      return null;
    }
    List<String> problems = problems(discrepancies, beforeImages, audit);
    for (String problem : problems) {
      // Each rule's message begins with the key it is about; the problem is located there.
      String key = problem.substring(0, problem.indexOf(' '));
      r.problem(m.getOrDefault(key, node), path + "." + key, problem.substring(key.length() + 1));
    }
    return problems.isEmpty() ? new Retention(discrepancies, beforeImages, audit) : null;
  }
}
