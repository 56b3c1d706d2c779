package io.recon.core.canonical;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.TreeMap;

/**
 * A parser of strict JSON text straight into the {@link JsonTree} shape, for the text PostgreSQL
 * renders from json and jsonb: no parser object, context or buffer per value, as Jackson's {@code
 * createParser} costs. It accepts only what is certainly valid JSON with one meaning (RFC 8259
 * grammar, one value, nothing after it but whitespace, modest depth and lengths); for anything else
 * it answers {@link #UNSURE} and {@link JsonTree#parse} asks Jackson, so every text that is not
 * plain JSON keeps exactly the outcome (tree, {@code NotJson} or {@code TooDeep}) it had.
 */
final class JsonText {
  /** The answer for text this parser leaves to Jackson. */
  static final Object UNSURE = new Object();

  // Well under Jackson's limits (nesting 256, number 1,000 chars, name 50,000, string 20M), so
  // that no text this parser accepts would have been refused by a constraint.
  private static final int MAX_DEPTH = 64;
  private static final int MAX_NUMBER = 100;
  private static final int MAX_NAME = 1_000;
  private static final int MAX_STRING = 1 << 20;

  /** Thrown to give up; one instance without a stack trace, so giving up costs nothing. */
  private static final class Unsure extends RuntimeException {
    private static final Unsure INSTANCE = new Unsure();

    private Unsure() {
      super(null, null, false, false);
    }
  }

  private final String s;
  private final int end;
  private final boolean unordered;
  private int i;

  private JsonText(String s, boolean unordered) {
    this.s = s;
    this.end = s.length();
    this.unordered = unordered;
  }

  /** The tree of {@code text} (Java null for JSON null), or {@link #UNSURE}. */
  static Object parse(String text, boolean unordered) {
    JsonText p = new JsonText(text, unordered);
    try {
      p.skipSpace();
      if (p.i == p.end) {
        return UNSURE;
      }
      Object tree = p.value(0);
      p.skipSpace();
      return p.i == p.end ? tree : UNSURE;
    } catch (Unsure e) {
      return UNSURE;
    }
  }

  private Object value(int depth) {
    switch (peek()) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string(MAX_STRING);
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        return number();
    }
  }

  private Object object(int depth) {
    if (depth >= MAX_DEPTH) {
      throw Unsure.INSTANCE;
    }
    i++;
    var map = new TreeMap<String, Object>();
    skipSpace();
    if (peek() == '}') {
      i++;
      return Collections.unmodifiableMap(map);
    }
    while (true) {
      if (peek() != '"') {
        throw Unsure.INSTANCE;
      }
      String name = string(MAX_NAME);
      skipSpace();
      expect(':');
      skipSpace();
      // A repeated name keeps its last value, as the token route's map.put does.
      map.put(name, value(depth + 1));
      skipSpace();
      char c = next();
      if (c == '}') {
        return Collections.unmodifiableMap(map);
      }
      if (c != ',') {
        throw Unsure.INSTANCE;
      }
      skipSpace();
    }
  }

  private Object array(int depth) {
    if (depth >= MAX_DEPTH) {
      throw Unsure.INSTANCE;
    }
    i++;
    var list = new ArrayList<>(4); // most arrays in a field are short: not the default 10
    skipSpace();
    if (peek() == ']') {
      i++;
      return JsonTree.finish(list, unordered);
    }
    while (true) {
      list.add(value(depth + 1));
      skipSpace();
      char c = next();
      if (c == ']') {
        return JsonTree.finish(list, unordered);
      }
      if (c != ',') {
        throw Unsure.INSTANCE;
      }
      skipSpace();
    }
  }

  private String string(int max) {
    int start = ++i;
    while (i < end) {
      char c = s.charAt(i);
      if (c == '"') {
        if (i - start > max) {
          throw Unsure.INSTANCE;
        }
        return s.substring(start, i++);
      }
      if (c == '\\') {
        return escaped(start, max);
      }
      if (c < 0x20) {
        throw Unsure.INSTANCE; // an unescaped control character is not JSON
      }
      i++;
    }
    throw Unsure.INSTANCE;
  }

  private String escaped(int start, int max) {
    var b = new StringBuilder(i - start + 16).append(s, start, i);
    while (i < end) {
      char c = s.charAt(i++);
      if (c == '"') {
        if (b.length() > max) {
          throw Unsure.INSTANCE;
        }
        return b.toString();
      }
      if (c < 0x20) {
        throw Unsure.INSTANCE;
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      switch (next()) {
        case '"' -> b.append('"');
        case '\\' -> b.append('\\');
        case '/' -> b.append('/');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> b.append(hex4());
        default -> throw Unsure.INSTANCE;
      }
    }
    throw Unsure.INSTANCE;
  }

  private char hex4() {
    if (i + 4 > end) {
      throw Unsure.INSTANCE;
    }
    int v = 0;
    for (int k = 0; k < 4; k++) {
      int d = Character.digit(s.charAt(i++), 16);
      if (d < 0) {
        throw Unsure.INSTANCE;
      }
      v = v << 4 | d;
    }
    return (char) v;
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, and what follows must end the value.
  private BigDecimal number() {
    int start = i;
    boolean negative = false;
    if (peek() == '-') {
      negative = true;
      i++;
    }
    int intStart = i;
    char first = peek();
    if (first == '0') {
      i++;
    } else if (first >= '1' && first <= '9') {
      digits();
    } else {
      throw Unsure.INSTANCE;
    }
    int intEnd = i;
    boolean integral = true;
    if (i < end && s.charAt(i) == '.') {
      i++;
      if (digits() == 0) {
        throw Unsure.INSTANCE;
      }
      integral = false;
    }
    if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int n = digits();
      if (n == 0 || n > 4) {
        throw Unsure.INSTANCE; // exponents this large are Jackson's to judge
      }
      integral = false;
    }
    if (i - start > MAX_NUMBER) {
      throw Unsure.INSTANCE;
    }
    if (integral && intEnd - intStart <= 18) {
      long v = 0;
      for (int k = intStart; k < intEnd; k++) {
        v = v * 10 + (s.charAt(k) - '0');
      }
      if (v % 10 != 0) {
        // No trailing zero to strip: the number as it is (JsonTree.number would return it).
        return BigDecimal.valueOf(negative ? -v : v);
      }
      return JsonTree.number(BigDecimal.valueOf(negative ? -v : v));
    }
    return JsonTree.number(new BigDecimal(s.substring(start, i)));
  }

  private int digits() {
    int from = i;
    while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }

  private void literal(String word) {
    if (!s.startsWith(word, i)) {
      throw Unsure.INSTANCE;
    }
    i += word.length();
  }

  private void skipSpace() {
    while (i < end) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      i++;
    }
  }

  private char peek() {
    if (i >= end) {
      throw Unsure.INSTANCE;
    }
    return s.charAt(i);
  }

  private char next() {
    char c = peek();
    i++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw Unsure.INSTANCE;
    }
  }
}
