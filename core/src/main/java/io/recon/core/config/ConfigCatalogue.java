package io.recon.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of {@link ConfigVar} as people read it: the {@code --help} footer and the table in
 * {@code docs/operations.md}, both rendered from the enum so that neither can drift from it. Only
 * names, defaults and meanings appear; never a value.
 */
public final class ConfigCatalogue {
  /** The first line of the table's block in {@code docs/operations.md}. */
  public static final String DOCS_BEGIN =
      "<!-- config-catalogue: generated from ConfigVar; ConfigCatalogueDocsTest keeps it equal -->";

  /** The line after the table's block. */
  public static final String DOCS_END = "<!-- /config-catalogue -->";

  private static final int NAME_WIDTH = 33;
  // picocli wraps any longer line at its default usage width, 80, without the indent.
  private static final int LINE_WIDTH = 80;

  private ConfigCatalogue() {}

  /** The table of every variable, in catalogue order, between {@link #DOCS_BEGIN} and the end. */
  public static String markdownTable() {
    StringBuilder b = new StringBuilder();
    b.append("| Variable | Default | Shown | Read by | Meaning |\n");
    b.append("|---|---|---|---|---|\n");
    for (ConfigVar v : ConfigVar.values()) {
      b.append("| `")
          .append(v.name())
          .append("` | ")
          .append(v.fallback().map(ConfigCatalogue::code).orElse("none"))
          .append(" | ")
          .append(shown(v.secrecy()))
          .append(" | ")
          .append(readBy(v.reader()))
          .append(" | ")
          .append(v.meaning().replace("|", "\\|"))
          .append(" |\n");
    }
    return b.toString();
  }

  /** The lines of the {@code --help} footer: every variable with its default and meaning. */
  public static List<String> helpFooter() {
    List<String> lines = new ArrayList<>();
    lines.add("Environment (details: docs/operations.md; secrets are never printed):");
    for (ConfigVar v : ConfigVar.values()) {
      String text =
          v.meaning()
              + (v.secret() ? " (secret)" : "")
              + v.fallback().map(f -> " [default: " + f + "]").orElse("");
      lines.addAll(wrap(String.format("  %-" + NAME_WIDTH + "s", v.name()), text));
    }
    return lines;
  }

  private static List<String> wrap(String head, String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(head);
    String indent = " ".repeat(head.length());
    for (String word : text.split(" ")) {
      if (line.length() > head.length() && line.length() + 1 + word.length() > LINE_WIDTH) {
        lines.add(line.toString().stripTrailing());
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length() && !line.toString().endsWith(" ")) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString().stripTrailing());
    return lines;
  }

  private static String code(String fallback) {
    // A value reads as code; a fallback in words stays prose, with the variables it names as code.
    return fallback.contains(" ") || fallback.matches("(RECON|TEMPORAL)_[A-Z0-9_]+")
        ? fallback.replaceAll("\\b((?:RECON|TEMPORAL)_[A-Z0-9_]+)\\b", "`$1`")
        : "`" + fallback + "`";
  }

  private static String shown(ConfigVar.Secrecy secrecy) {
    return switch (secrecy) {
      case PLAIN -> "yes";
      case REDACTED -> "credentials masked";
      case SECRET -> "never (secret)";
    };
  }

  private static String readBy(ConfigVar.Reader reader) {
    return switch (reader) {
      case EVERY -> "workers and CLI";
      case WORKER -> "workers";
      case LOGGING -> "logging";
      case DEV -> "`recon dev`";
      case LAUNCHER -> "`./recon`";
    };
  }
}
