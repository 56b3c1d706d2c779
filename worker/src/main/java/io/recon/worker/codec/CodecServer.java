package io.recon.worker.codec;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.recon.core.config.ConfigException;
import io.recon.starter.codec.PayloadEncryption;
import io.recon.starter.codec.PayloadKey;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's codec server protocol over the worker's own payload codec, so that the Temporal UI and
 * {@code temporal --codec-endpoint} can show what recon encrypted: {@code POST .../encode} and
 * {@code POST .../decode} take and return {@code {"payloads":[...]}} (see {@link PayloadsJson}).
 *
 * <p>Browsers reach it only from the configured origins (CORS, preflight answered); a request
 * carrying another {@code Origin} is refused before anything is decoded. The {@code X-Namespace}
 * header the UI sends is accepted and not needed: the key decides what decodes. Nothing it logs
 * holds the key, a payload or a request body; a refused request gets a one-line {@code text/plain}
 * answer.
 */
public final class CodecServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CodecServer.class);

  /** Temporal refuses payloads over 2 MB; a body of many at once, in base64, stays under this. */
  static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  static final String ALLOWED_HEADERS = "Content-Type, X-Namespace, Authorization";

  private final HttpServer server;
  private final ExecutorService executor;
  private final CodecServerConfig config;
  private final PayloadCodec codec;

  private CodecServer(
      HttpServer server, ExecutorService executor, CodecServerConfig config, PayloadCodec codec) {
    this.server = server;
    this.executor = executor;
    this.config = config;
    this.codec = codec;
  }

  /**
   * Serves the codec of {@code RECON_PAYLOAD_KEY} as {@code env} configures it, or nothing when the
   * key is unset (payloads are clear) or {@code RECON_CODEC_ADDRESS} is {@code off}.
   *
   * @throws ConfigException naming the variable when a value is unusable or the address cannot be
   *     bound
   */
  public static Optional<CodecServer> startIfKeyed(Map<String, String> env) {
    Optional<PayloadCodec> codec = PayloadEncryption.codec(env);
    if (codec.isEmpty()) {
      return Optional.empty();
    }
    return CodecServerConfig.fromEnv(env).map(config -> start(config, codec.get()));
  }

  /** Serves {@code codec} on the configured address. */
  public static CodecServer start(CodecServerConfig config, PayloadCodec codec) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(
          "cannot serve the codec server on "
              + config.host()
              + ":"
              + config.port()
              + " ("
              + e.getMessage()
              + "): stop whatever holds it, or set "
              + CodecServerConfig.RECON_CODEC_ADDRESS
              + " (another host:port, or off)");
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "recon-codec-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    CodecServer codecServer = new CodecServer(server, executor, config, codec);
    server.createContext("/", codecServer::handle);
    server.start();
    log.info(
        "codec server for {} payloads on {} (origins {}, authorization {})",
        PayloadKey.RECON_PAYLOAD_KEY,
        codecServer.endpoint(),
        config.origins(),
        config.authorization().isPresent() ? "required" : "not required");
    return codecServer;
  }

  /** The address bound, whose port differs from the configured one when that was 0. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** What to give the Temporal UI or {@code temporal --codec-endpoint}. */
  public String endpoint() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + address().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String origin = ex.getRequestHeaders().getFirst("Origin");
      if (origin != null && !config.allows(origin)) {
        refuse(
            ex,
            403,
            "origin "
                + printable(origin)
                + " is not allowed; add it to "
                + CodecServerConfig.RECON_CODEC_ORIGIN);
        return;
      }
      if (origin != null) {
        cors(ex.getResponseHeaders(), origin);
      }
      String operation = operation(ex.getRequestURI().getPath());
      if (operation == null) {
        refuse(ex, 404, "no such endpoint: POST /encode or POST /decode");
        return;
      }
      if ("OPTIONS".equals(ex.getRequestMethod())) {
        ex.sendResponseHeaders(204, -1);
        return;
      }
      if (!"POST".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", "POST, OPTIONS");
        refuse(ex, 405, "use POST /" + operation);
        return;
      }
      if (!authorized(ex.getRequestHeaders())) {
        refuse(
            ex,
            401,
            "missing or wrong Authorization header (the value of "
                + CodecServerConfig.RECON_CODEC_AUTH
                + ")");
        return;
      }
      byte[] body = readBody(ex);
      if (body == null) {
        refuse(ex, 413, "request body is over " + MAX_BODY_BYTES + " bytes");
        return;
      }
      List<Payload> payloads;
      try {
        payloads = PayloadsJson.read(body);
      } catch (PayloadsJson.BadBody e) {
        refuse(ex, 400, e.getMessage());
        return;
      }
      List<Payload> answer;
      try {
        answer = "encode".equals(operation) ? codec.encode(payloads) : codec.decode(payloads);
      } catch (PayloadCodecException e) {
        // The codec's messages name key ids and what failed, never a key or a payload.
        refuse(ex, 400, "cannot " + operation + ": " + e.getMessage());
        return;
      }
      byte[] json = PayloadsJson.write(answer);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, json.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(json);
      }
    } catch (RuntimeException e) {
      // Only the type: an unforeseen exception's message could quote a payload.
      log.warn("codec server request failed: {}", e.getClass().getName());
      throw e;
    }
  }

  // The last path segment, so that a proxy may mount the server under a prefix (/codec/decode).
  private static String operation(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.endsWith("/encode")) {
      return "encode";
    }
    return p.endsWith("/decode") ? "decode" : null;
  }

  private void cors(Headers headers, String origin) {
    headers.set("Access-Control-Allow-Origin", origin);
    headers.set("Vary", "Origin");
    // The UI sends credentials when it passes its access token to the codec server.
    headers.set("Access-Control-Allow-Credentials", "true");
    headers.set("Access-Control-Allow-Methods", "POST, OPTIONS");
    headers.set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
    headers.set("Access-Control-Max-Age", "600");
  }

  private boolean authorized(Headers headers) {
    if (config.authorization().isEmpty()) {
      return true;
    }
    String given = headers.getFirst("Authorization");
    return given != null
        && MessageDigest.isEqual(
            given.trim().getBytes(StandardCharsets.UTF_8),
            config.authorization().get().getBytes(StandardCharsets.UTF_8));
  }

  // The body, or null when it is over the limit.
  private static byte[] readBody(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? null : body;
    }
  }

  private static void refuse(HttpExchange ex, int status, String message) throws IOException {
    byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  // A header value as a message may show it: printable ASCII, cut at 100 characters.
  private static String printable(String value) {
    StringBuilder b = new StringBuilder("'");
    for (int i = 0; i < value.length() && i < 100; i++) {
      char c = value.charAt(i);
      b.append(c < 0x20 || c > 0x7e ? '?' : c);
    }
    return b.append(value.length() > 100 ? "...'" : "'").toString();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
