package io.recon.cli;

import java.util.Map;

/**
 * The environment a command reads its configuration from: the process's, or the one a test hands to
 * {@link Main#execute(Map, String...)}. Commands run on the calling thread, so a thread-local keeps
 * concurrent callers apart.
 */
public final class CliEnvironment {
  private static final ThreadLocal<Map<String, String>> OVERRIDE = new ThreadLocal<>();

  private CliEnvironment() {}

  public static Map<String, String> get() {
    Map<String, String> env = OVERRIDE.get();
    return env != null ? env : System.getenv();
  }

  static void set(Map<String, String> env) {
    OVERRIDE.set(env);
  }

  static void clear() {
    OVERRIDE.remove();
  }
}
