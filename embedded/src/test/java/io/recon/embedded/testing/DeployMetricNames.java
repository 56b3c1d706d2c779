package io.recon.embedded.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names that deploy/ depends on: every {@code recon_*} and {@code temporal_*} series
 * named in the Grafana dashboard's queries and in the Prometheus alert rules, and the names that
 * {@code MetricNames} (in the worker module) declares.
 *
 * <p>It lives in embedded, the module every integration test already depends on, so that both
 * starter's static check of deploy/ and the worker's live scrape of {@code /metrics} use the same
 * extraction. {@code MetricNames} is read as source text rather than by reflection, because
 * embedded must not depend on the worker. Needs {@code jackson-dataformat-yaml} on the test
 * classpath (optional here).
 */
public final class DeployMetricNames {
  public static final Path DASHBOARD = Path.of("deploy/grafana/recon-dashboard.json");
  public static final Path RULES = Path.of("deploy/prometheus/recon-alerts.yml");
  public static final Path METRIC_NAMES =
      Path.of("worker/src/main/java/io/recon/worker/metrics/MetricNames.java");

  private static final Pattern SUFFIX = Pattern.compile("_(?:bucket|count|sum|max)$");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern NAME =
      Pattern.compile("(?<![\\w:$])((?:recon|temporal)_[a-zA-Z0-9_:]*)(?![\\w:(])");
  private static final Pattern DECLARATION =
      Pattern.compile(
          "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*public static final String (\\w+)\\s*=\\s*\"([^\"]+)\";",
          Pattern.DOTALL);
  private static final Pattern PROMETHEUS_NAME =
      Pattern.compile("Prometheus:\\s*\\{@code\\s+([a-z0-9_]+)}");

  /** The kind of a Micrometer meter, which decides its Prometheus suffixes. */
  public enum MeterType {
    COUNTER,
    GAUGE,
    TIMER,
    /** A timer that publishes histogram buckets ({@code _bucket}), for quantiles. */
    HISTOGRAM
  }

  /**
   * One constant of {@code MetricNames}: its Micrometer name, its type from the Javadoc's first
   * word, and the Prometheus name the Javadoc promises.
   */
  public record Declared(String constant, String meterName, MeterType type, String documented) {
    /** The Prometheus name that Micrometer derives from the meter name and type. */
    public String derived() {
      String base = meterName.replace('.', '_');
      return switch (type) {
        case COUNTER -> base + "_total";
        case TIMER, HISTOGRAM -> base + "_seconds";
        case GAUGE -> base;
      };
    }

    /**
     * The series a scrape shows: timers as count, sum and max (no histogram buckets), histograms
     * with their buckets too.
     */
    public Set<String> series() {
      String name = derived();
      return switch (type) {
        case TIMER -> Set.of(name + "_count", name + "_sum", name + "_max");
        case HISTOGRAM -> Set.of(name + "_count", name + "_sum", name + "_max", name + "_bucket");
        case COUNTER, GAUGE -> Set.of(name);
      };
    }
  }

  private DeployMetricNames() {}

  /** The nearest directory, from the working directory up, that has {@code deploy/}. */
  public static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("deploy")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no directory with deploy/ above " + dir);
  }

  /**
   * The metric family a series belongs to: {@code x_seconds_bucket}, {@code x_seconds_count},
   * {@code x_seconds_sum} and {@code x_seconds_max} all belong to {@code x_seconds}. Only for
   * messages: a scrape must show the very series a query names, since a family without its {@code
   * _bucket} series (a timer without a histogram) leaves a {@code histogram_quantile} panel empty.
   */
  public static String family(String series) {
    return SUFFIX.matcher(series).replaceFirst("");
  }

  /**
   * Every metric name used in the dashboard's panel and variable queries and in the rule
   * expressions, as Prometheus series names ({@code recon_repairs_total}, {@code
   * temporal_..._bucket}). Label names and values are not included.
   */
  public static Set<String> referencedMetricNames(Path repoRoot) {
    Set<String> names = new TreeSet<>();
    for (String expr : expressions(repoRoot)) {
      names.addAll(namesIn(expr));
    }
    return names;
  }

  /** Every PromQL expression in the dashboard and the rules. */
  public static List<String> expressions(Path repoRoot) {
    List<String> exprs = new ArrayList<>();
    collect(read(JSON, repoRoot.resolve(DASHBOARD)), exprs, "expr", "definition");
    collect(read(YAML, repoRoot.resolve(RULES)), exprs, "expr");
    return exprs;
  }

  /** The metric names in one PromQL expression. */
  public static Set<String> namesIn(String expr) {
    // Label matchers and quoted strings may mention metric-like words that are not series.
    String bare = MATCHERS.matcher(STRING.matcher(expr).replaceAll("\"\"")).replaceAll("{}");
    Set<String> names = new TreeSet<>();
    Matcher m = NAME.matcher(bare);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The constants of {@code MetricNames}, read from its source. */
  public static List<Declared> declared(Path repoRoot) {
    String source;
    try {
      source = Files.readString(repoRoot.resolve(METRIC_NAMES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + METRIC_NAMES, e);
    }
    List<Declared> out = new ArrayList<>();
    Matcher m = DECLARATION.matcher(source);
    while (m.find()) {
      String javadoc = m.group(1).replaceAll("\\s*\\*\\s*", " ").trim();
      String first = javadoc.split("[:\\s]", 2)[0].toUpperCase(java.util.Locale.ROOT);
      Matcher prom = PROMETHEUS_NAME.matcher(javadoc);
      out.add(
          new Declared(
              m.group(2),
              m.group(3),
              MeterType.valueOf(first),
              prom.find() ? prom.group(1) : null));
    }
    return out;
  }

  /** Every series name that a worker exposes for recon's own meters. */
  public static Set<String> declaredSeries(Path repoRoot) {
    Set<String> series = new TreeSet<>();
    for (Declared d : declared(repoRoot)) {
      series.addAll(d.series());
    }
    return series;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();

  private static JsonNode read(ObjectMapper mapper, Path file) {
    try {
      return mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  private static void collect(JsonNode node, List<String> out, String... fields) {
    if (node.isObject()) {
      for (String field : fields) {
        JsonNode v = node.get(field);
        if (v != null && v.isTextual()) {
          out.add(v.asText());
        }
      }
      node.elements().forEachRemaining(child -> collect(child, out, fields));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collect(child, out, fields));
    }
  }
}
