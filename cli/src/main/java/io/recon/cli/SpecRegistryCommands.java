package io.recon.cli;

import io.recon.activities.store.SpecRegistry;
import io.recon.activities.store.SpecVersion;
import io.recon.core.canonical.Displays;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SpecDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code recon spec apply|list|show|diff}: the versioned spec registry in the recon store. */
final class SpecRegistryCommands {
  private SpecRegistryCommands() {}

  static SpecRegistry registry(Session session) {
    return new SpecRegistry(session.store(), Clock.systemUTC());
  }

  /**
   * Applies {@code spec}, loaded from {@code file} by {@link SpecFiles#load} (so validated as
   * {@code spec check} validates): a new version when its hash differs from the latest, nothing
   * otherwise.
   */
  static SpecRegistry.Applied apply(Session session, Path file, JobSpec spec, String by) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return registry(session).apply(spec, yaml, by);
  }

  static String time(OffsetDateTime at) {
    return at == null ? "" : at.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String shortHash(String hash) {
    return hash.substring(0, Math.min(12, hash.length()));
  }

  private static Map<String, Object> json(SpecVersion v, boolean withYaml) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", v.name());
    m.put("version", v.version());
    m.put("hash", v.hash());
    m.put("appliedBy", v.appliedBy());
    m.put("appliedAt", time(v.appliedAt()));
    if (withYaml) {
      m.put("yaml", v.yaml());
    }
    return m;
  }

  /** {@code recon spec apply FILE --by NAME}. */
  @Command(
      name = "apply",
      header = "Store a spec file as the next version of its name in the registry.",
      mixinStandardHelpOptions = true,
      description = {
        "Validate FILE (the checks of 'recon spec check') and store it in the recon store as the",
        "next version of its name, with its hash, its text, who applied it and when; audited as",
        "spec.applied. A spec whose hash equals the latest version's is not stored again.",
        "Exits 0 when applied or unchanged, 2 when the spec is invalid."
      })
  static final class Apply implements Callable<Integer> {
    private final CliContext context;

    Apply(CliContext context) {
      this.context = context;
    }

    @Parameters(paramLabel = "FILE", description = "The spec file (YAML).")
    Path file;

    @Mixin OperatorOption actor;

    @Mixin JsonOption json;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      CommandLine cl = command.commandLine();
      PrintWriter out = cl.getOut();
      JobSpec spec = SpecFiles.load(file, cl);
      try (Session session = context.session()) {
        SpecRegistry.Applied applied = apply(session, file, spec, actor.name());
        SpecVersion v = applied.version();
        if (json.enabled) {
          Map<String, Object> m = json(v, false);
          m.put("applied", applied.created());
          out.println(Json.write(m));
        } else if (applied.created()) {
          out.println(
              "applied " + v.name() + " version " + v.version() + " (sha256 " + v.hash() + ")");
        } else {
          out.println(
              v.name()
                  + " is unchanged: version "
                  + v.version()
                  + " has the same hash ("
                  + shortHash(v.hash())
                  + "), nothing applied");
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  /** {@code recon spec list}. */
  @Command(
      name = "list",
      header = "List the registered specs with their latest version.",
      mixinStandardHelpOptions = true,
      description = "List every registered spec: name, latest version, hash, who applied it, when.")
  static final class ListSpecs implements Callable<Integer> {
    private final CliContext context;

    ListSpecs(CliContext context) {
      this.context = context;
    }

    @Mixin JsonOption json;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      PrintWriter out = command.commandLine().getOut();
      try (Session session = context.session()) {
        List<SpecVersion> specs = registry(session).list();
        if (json.enabled) {
          out.println(Json.write(specs.stream().map(v -> json(v, false)).toList()));
        } else if (specs.isEmpty()) {
          out.println("no specs registered (recon spec apply FILE --by NAME adds one)");
        } else {
          String format = "%-32s %7s  %-12s  %-20s  %s%n";
          out.printf(Locale.ROOT, format, "NAME", "VERSION", "HASH", "APPLIED BY", "APPLIED AT");
          for (SpecVersion v : specs) {
            out.printf(
                Locale.ROOT,
                format,
                v.name(),
                v.version(),
                shortHash(v.hash()),
                Displays.escape(v.appliedBy()),
                time(v.appliedAt()));
          }
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  /** {@code recon spec show NAME [--version N]}. */
  @Command(
      name = "show",
      header = "Print a registered spec's text.",
      description = {
        "Print the YAML text of a registered spec: its latest version, or --version N.",
        "Exits 2 for an unknown name or version."
      })
  static final class Show implements Callable<Integer> {
    private final CliContext context;

    Show(CliContext context) {
      this.context = context;
    }

    @Parameters(paramLabel = "NAME", description = "The spec's name.")
    String name;

    @Mixin HelpOption help;

    @Option(names = "--version", paramLabel = "N", description = "The version (default latest).")
    Integer version;

    @Mixin JsonOption json;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      PrintWriter out = command.commandLine().getOut();
      try (Session session = context.session()) {
        SpecVersion v = registry(session).get(name, version);
        if (json.enabled) {
          out.println(Json.write(json(v, true)));
        } else {
          out.print(v.yaml().endsWith("\n") ? v.yaml() : v.yaml() + "\n");
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  /** {@code recon spec diff NAME A B}. */
  @Command(
      name = "diff",
      header = "Show what changed between two versions of a registered spec.",
      mixinStandardHelpOptions = true,
      description = {
        "Show, key by key, what changed from version A to version B of a registered spec",
        "(dotted paths, e.g. fields[amount].tolerance: 0.01 -> 0.02), with who applied each.",
        "Exits 0 (also when nothing changed), 2 for an unknown name or version."
      })
  static final class Diff implements Callable<Integer> {
    private final CliContext context;

    Diff(CliContext context) {
      this.context = context;
    }

    @Parameters(index = "0", paramLabel = "NAME", description = "The spec's name.")
    String name;

    @Parameters(index = "1", paramLabel = "A", description = "The earlier version.")
    int from;

    @Parameters(index = "2", paramLabel = "B", description = "The later version.")
    int to;

    @Mixin JsonOption json;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      PrintWriter out = command.commandLine().getOut();
      try (Session session = context.session()) {
        SpecRegistry registry = registry(session);
        SpecVersion a = registry.get(name, from);
        SpecVersion b = registry.get(name, to);
        List<SpecDiff.Change> changes = SpecDiff.between(a.yaml(), b.yaml());
        if (json.enabled) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", name);
          m.put("from", json(a, false));
          m.put("to", json(b, false));
          m.put("changes", changes);
          out.println(Json.write(m));
        } else {
          out.println(header(a));
          out.println(header(b));
          if (changes.isEmpty()) {
            out.println("no differences");
          }
          for (SpecDiff.Change c : changes) {
            out.println("  " + Displays.escape(c.describe()));
          }
        }
        out.flush();
        return ExitCodes.OK;
      }
    }

    private static String header(SpecVersion v) {
      return "version "
          + v.version()
          + ": applied by "
          + Displays.escape(v.appliedBy())
          + " at "
          + time(v.appliedAt())
          + " (sha256 "
          + shortHash(v.hash())
          + ")";
    }
  }
}
