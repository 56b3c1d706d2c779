package io.recon.core.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's lexical structure, as far as a safety check needs it: words, quoted identifiers and
 * punctuation come out as tokens; strings, comments and whitespace are skipped whole, so that a
 * {@code ;} or a keyword inside them is never mistaken for code.
 */
final class SqlLexer {
  enum Kind {
    /** An unquoted identifier or keyword. */
    WORD,
    /** A double-quoted identifier; its text is the identifier's value. */
    QUOTED,
    /** One character of punctuation or operator. */
    SYMBOL,
    /** A number, a string, a parameter: text that cannot be code. */
    LITERAL
  }

  record Token(Kind kind, String text, int offset) {
    boolean is(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isWord(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }
  }

  /** Text the lexer cannot read to its end: an unterminated string, identifier or comment. */
  static final class LexException extends Exception {
    private final int offset;

    LexException(int offset, String message) {
      super(message);
      this.offset = offset;
    }

    int offset() {
      return offset;
    }
  }

  private SqlLexer() {}

  static List<Token> tokens(String sql) throws LexException {
    var tokens = new ArrayList<Token>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = blockComment(sql, i);
      } else if (c == '\'') {
        int start = i;
        boolean escapes = isEscapePrefix(tokens, sql, i);
        i = string(sql, i, escapes);
        tokens.add(new Token(Kind.LITERAL, sql.substring(start, i), start));
      } else if (c == '"') {
        int start = i;
        var value = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new LexException(start, "a quoted identifier is never closed");
          }
          if (sql.charAt(i) == '"') {
            if (i + 1 < n && sql.charAt(i + 1) == '"') {
              value.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          value.append(sql.charAt(i++));
        }
        tokens.add(new Token(Kind.QUOTED, value.toString(), start));
      } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        int start = i++;
        while (i < n && Character.isDigit(sql.charAt(i))) {
          i++;
        }
        tokens.add(new Token(Kind.LITERAL, sql.substring(start, i), start));
      } else if (c == '$') {
        int start = i;
        int end = dollarTagEnd(sql, i);
        if (end < 0) {
          tokens.add(new Token(Kind.SYMBOL, "$", i++));
          continue;
        }
        String tag = sql.substring(i, end);
        int close = sql.indexOf(tag, end);
        if (close < 0) {
          throw new LexException(start, "the dollar-quoted string " + tag + " is never closed");
        }
        i = close + tag.length();
        tokens.add(new Token(Kind.LITERAL, sql.substring(start, i), start));
      } else if (Character.isLetter(c) || c == '_') {
        int start = i++;
        while (i < n
            && (Character.isLetterOrDigit(sql.charAt(i))
                || sql.charAt(i) == '_'
                || sql.charAt(i) == '$')) {
          i++;
        }
        tokens.add(new Token(Kind.WORD, sql.substring(start, i), start));
      } else if (Character.isDigit(c)) {
        int start = i++;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
        tokens.add(new Token(Kind.LITERAL, sql.substring(start, i), start));
      } else {
        tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), i++));
      }
    }
    return tokens;
  }

  // E'...' (and e'...') strings take backslash escapes, so \' does not end them.
  private static boolean isEscapePrefix(List<Token> tokens, String sql, int quote) {
    if (tokens.isEmpty()) {
      return false;
    }
    Token last = tokens.get(tokens.size() - 1);
    return last.kind() == Kind.WORD
        && last.offset() + last.text().length() == quote
        && last.text().equalsIgnoreCase("e");
  }

  private static int string(String sql, int start, boolean escapes) throws LexException {
    int i = start + 1;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (escapes && c == '\\') {
        i += 2;
      } else if (c == '\'') {
        if (i + 1 < n && sql.charAt(i + 1) == '\'') {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    throw new LexException(start, "a string literal is never closed");
  }

  private static int blockComment(String sql, int start) throws LexException {
    int depth = 0;
    int i = start;
    int n = sql.length();
    while (i < n) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    throw new LexException(start, "a /* comment is never closed");
  }

  /** The end of a {@code $tag$} opening at {@code i}, or -1 if none starts there. */
  private static int dollarTagEnd(String sql, int i) {
    int j = i + 1;
    while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
      j++;
    }
    if (j < sql.length()
        && sql.charAt(j) == '$'
        && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
      return j + 1;
    }
    return -1;
  }
}
