package io.recon.worker.codec;

import io.recon.core.config.ConfigException;
import io.recon.core.config.ConfigVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and for whom a worker serves Temporal's codec server protocol, read once from the
 * environment. The server runs only when {@code RECON_PAYLOAD_KEY} is set (there is nothing to
 * decode otherwise) and {@code RECON_CODEC_ADDRESS} is not {@code off}.
 *
 * @param host the interface to bind; the default, loopback, keeps the key's decryptions on the
 *     worker's host
 * @param port the port; 0 picks a free one (tests)
 * @param origins the browser origins allowed to call it (CORS), each {@code scheme://host[:port]}
 * @param authorization the exact {@code Authorization} header a request must carry, or empty when
 *     none is required
 */
public record CodecServerConfig(
    String host, int port, List<String> origins, Optional<String> authorization) {
  public static final String RECON_CODEC_ADDRESS = ConfigVar.RECON_CODEC_ADDRESS.name();
  public static final String RECON_CODEC_ORIGIN = ConfigVar.RECON_CODEC_ORIGIN.name();
  public static final String RECON_CODEC_AUTH = ConfigVar.RECON_CODEC_AUTH.name();
  public static final String DEFAULT_ADDRESS = "127.0.0.1:8888";

  /**
   * The Temporal UI of {@code temporal server start-dev}, under both names a browser may have been
   * given: the origin is whatever host was typed.
   */
  public static final String DEFAULT_ORIGIN = "http://localhost:8233,http://127.0.0.1:8233";

  /** The value of {@code RECON_CODEC_ADDRESS} that turns the server off. */
  public static final String OFF = "off";

  private static final Pattern ADDRESS =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:\\[\\]]+):(\\d{1,5})");
  private static final Pattern ORIGIN = Pattern.compile("https?://[^\\s/?#]+");

  public CodecServerConfig {
    if (port < 0 || port > 65535) {
      throw new ConfigException(RECON_CODEC_ADDRESS + " must name a port number, not " + port);
    }
    if (origins.isEmpty()) {
      throw new ConfigException(RECON_CODEC_ORIGIN + " must name at least one origin");
    }
    origins = List.copyOf(origins);
  }

  /**
   * The configuration from these variables, or empty when the server is turned off. Unset or blank
   * variables take the defaults: {@value #DEFAULT_ADDRESS}, origin {@value #DEFAULT_ORIGIN}, no
   * authorization.
   *
   * @throws ConfigException naming the variable of a value that cannot be used; the message never
   *     contains {@code RECON_CODEC_AUTH}'s value
   */
  public static Optional<CodecServerConfig> fromEnv(Map<String, String> env) {
    String address = value(env, RECON_CODEC_ADDRESS, DEFAULT_ADDRESS);
    if (OFF.equalsIgnoreCase(address)) {
      return Optional.empty();
    }
    Matcher m = ADDRESS.matcher(address);
    if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
      throw new ConfigException(
          RECON_CODEC_ADDRESS
              + " must be host:port (for example "
              + DEFAULT_ADDRESS
              + ", or 0.0.0.0:8888 for every interface) or "
              + OFF
              + ", not '"
              + address
              + "'");
    }
    String host = m.group(1).replace("[", "").replace("]", "");
    List<String> origins = new ArrayList<>();
    for (String origin : value(env, RECON_CODEC_ORIGIN, DEFAULT_ORIGIN).split(",")) {
      origins.add(origin(origin.trim()));
    }
    String auth = env.get(RECON_CODEC_AUTH);
    return Optional.of(
        new CodecServerConfig(
            host,
            Integer.parseInt(m.group(2)),
            origins,
            auth == null || auth.isBlank() ? Optional.empty() : Optional.of(auth.trim())));
  }

  /** Whether a browser page of {@code origin} may call the server. */
  public boolean allows(String origin) {
    return origins.contains(origin);
  }

  // A browser sends an origin without a path or a trailing slash; a copied UI address often has
  // one.
  private static String origin(String raw) {
    String origin = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    if (!ORIGIN.matcher(origin).matches()) {
      throw new ConfigException(
          RECON_CODEC_ORIGIN
              + " holds origins such as http://localhost:8233 (scheme://host[:port],"
              + " comma-separated), not '"
              + raw
              + "'");
    }
    return origin;
  }

  private static String value(Map<String, String> env, String variable, String fallback) {
    String raw = env.get(variable);
    return raw == null || raw.isBlank() ? fallback : raw.trim();
  }

  @Override
  public String toString() {
    return "CodecServerConfig[host="
        + host
        + ", port="
        + port
        + ", origins="
        + origins
        + ", authorization="
        + (authorization.isPresent() ? "required" : "none")
        + "]";
  }
}
