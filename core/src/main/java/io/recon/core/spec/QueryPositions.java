package io.recon.core.spec;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Runs {@link SourceQueryCheck} on {@code source.query} and reports a refusal at the line and
 * column of the offending text in the spec file, not just at the start of the query.
 */
final class QueryPositions {
  private QueryPositions() {}

  static void check(NodeReader r, String yaml, Node node, String query) {
    SourceQueryCheck.check(query)
        .ifPresent(
            p -> {
              int[] at = locate(yaml, node, query, p.offset());
              r.problem(at[0], at[1], "source.query", p.message());
            });
  }

  /**
   * The 1-based line and column in {@code yaml} of character {@code offset} of the scalar's value.
   * YAML folding and indentation change only whitespace, so the n-th non-blank character of the
   * value is the n-th non-blank character of the node's text; escapes in a quoted scalar can shift
   * that by a few characters, which still lands on the right line.
   */
  static int[] locate(String yaml, Node node, String value, int offset) {
    int start = node.getStartMark().getIndex();
    int end = Math.min(yaml.length(), Math.max(start, node.getEndMark().getIndex()));
    int wanted = 0;
    for (int i = 0; i < Math.min(offset, value.length()); i++) {
      if (!Character.isWhitespace(value.charAt(i))) {
        wanted++;
      }
    }
    int pos = start;
    // Skip a block scalar's indicator line ("|" or ">" and its modifiers).
    if (pos < end && (yaml.charAt(pos) == '|' || yaml.charAt(pos) == '>')) {
      while (pos < end && yaml.charAt(pos) != '\n') {
        pos++;
      }
    } else if (pos < end && (yaml.charAt(pos) == '"' || yaml.charAt(pos) == '\'')) {
      pos++;
    }
    int seen = 0;
    for (; pos < end; pos++) {
      if (!Character.isWhitespace(yaml.charAt(pos))) {
        if (seen == wanted) {
          break;
        }
        seen++;
      }
    }
    if (pos >= end) {
      pos = start;
    }
    int line = 1;
    int column = 1;
    for (int i = 0; i < pos; i++) {
      if (yaml.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new int[] {line, column};
  }
}
