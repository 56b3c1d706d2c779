package io.recon.cli;

import io.recon.activities.repair.AuditCipher;
import io.recon.core.config.ReconConfig;
import java.util.Map;

/**
 * Everything a command reads from outside the command line: the environment its configuration comes
 * from. {@link Main} builds it from the process; a test builds it from its own variables and hands
 * it to {@link ReconCommand#commandLine(CliContext)}, whose factory gives it to every command that
 * takes one in its constructor.
 */
public final class CliContext {
  private final Map<String, String> env;

  public CliContext(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The context of a real run: the one place the CLI reads the process environment. */
  public static CliContext fromProcess() {
    return new CliContext(System.getenv());
  }

  /** The environment this run reads its configuration from (the process's, or a test's). */
  public Map<String, String> env() {
    return env;
  }

  public ReconConfig config() {
    return ReconConfig.fromEnv(env);
  }

  /** A session on the configured endpoints; the caller closes it. */
  public Session session() {
    return session(config());
  }

  /** A session on {@code config}'s endpoints (the demo's private stack), keyed by this context. */
  public Session session(ReconConfig config) {
    return new Session(config, this);
  }

  /** The cipher of stored repair images, from {@code RECON_AUDIT_KEY} when it is set. */
  public AuditCipher auditCipher() {
    return AuditCipher.fromEnv(env);
  }

  /** Who acts when a command is not told ({@code --by}): the login name, else "operator". */
  public String login() {
    String user = env.get("USER");
    return user == null || user.isBlank() ? "operator" : user;
  }
}
