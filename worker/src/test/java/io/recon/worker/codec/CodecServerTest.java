package io.recon.worker.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.recon.core.config.ConfigException;
import io.recon.starter.codec.EncryptionCodec;
import io.recon.starter.codec.PayloadEncryption;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The codec server over HTTP, on a free loopback port, with the codec the worker builds from {@code
 * RECON_PAYLOAD_KEY}.
 */
class CodecServerTest {
  private static final String KEY = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
  private static final String UI = "http://localhost:8233";
  private static final String SECRET_VALUE = "alice@example.com";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> env =
      Map.of("RECON_PAYLOAD_KEY", KEY, "RECON_CODEC_ADDRESS", "127.0.0.1:0");
  private final PayloadCodec workerCodec = PayloadEncryption.codec(env).orElseThrow();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private CodecServer server;

  @BeforeEach
  void start() {
    Logger logger = (Logger) LoggerFactory.getLogger(CodecServer.class);
    logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
    logs.start();
    logger.addAppender(logs);
    server = CodecServer.startIfKeyed(env).orElseThrow();
  }

  @AfterEach
  void stop() {
    server.close();
    Logger logger = (Logger) LoggerFactory.getLogger(CodecServer.class);
    logger.detachAppender(logs);
    logger.setLevel(null);
  }

  @Test
  void decodesWhatTheWorkersCodecEncrypted() throws Exception {
    Payload plain = DefaultDataConverter.STANDARD_INSTANCE.toPayload(SECRET_VALUE).orElseThrow();
    Payload sealed = workerCodec.encode(List.of(plain)).get(0);
    assertEquals(EncryptionCodec.ENCODING, sealed.getMetadataOrThrow("encoding").toStringUtf8());

    HttpResponse<String> r = post("/decode", body(sealed), UI);

    assertEquals(200, r.statusCode(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    JsonNode decoded = JSON.readTree(r.body()).get("payloads").get(0);
    assertEquals("json/plain", base64Text(decoded.get("metadata").get("encoding")));
    assertEquals("\"" + SECRET_VALUE + "\"", base64Text(decoded.get("data")));
    assertEquals(UI, r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
  }

  @Test
  void encodesSoThatTheWorkersCodecDecodes() throws Exception {
    Payload plain = DefaultDataConverter.STANDARD_INSTANCE.toPayload(SECRET_VALUE).orElseThrow();

    HttpResponse<String> r = post("/encode", body(plain), null);

    assertEquals(200, r.statusCode(), r.body());
    assertFalse(r.body().contains(b64(plain.getData())), "data left in clear: " + r.body());
    Payload sealed = payload(JSON.readTree(r.body()).get("payloads").get(0));
    assertEquals(EncryptionCodec.ENCODING, sealed.getMetadataOrThrow("encoding").toStringUtf8());
    assertEquals(plain, workerCodec.decode(List.of(sealed)).get(0));
  }

  @Test
  void encodeThenDecodeThroughHttpRoundTripsEveryPayload() throws Exception {
    Payload a = DefaultDataConverter.STANDARD_INSTANCE.toPayload(SECRET_VALUE).orElseThrow();
    Payload b = DefaultDataConverter.STANDARD_INSTANCE.toPayload(Map.of("n", 42)).orElseThrow();
    Payload empty = Payload.newBuilder().build();
    String request = body(a, b, empty);

    HttpResponse<String> encoded = post("/encode", request, UI);
    assertEquals(200, encoded.statusCode(), encoded.body());
    HttpResponse<String> decoded = post("/decode", encoded.body(), UI);
    assertEquals(200, decoded.statusCode(), decoded.body());

    JsonNode out = JSON.readTree(decoded.body()).get("payloads");
    assertEquals(3, out.size());
    assertEquals(a, payload(out.get(0)));
    assertEquals(b, payload(out.get(1)));
    assertEquals(empty, payload(out.get(2)));
  }

  @Test
  void clearPayloadsDecodeUnchanged() throws Exception {
    Payload plain =
        DefaultDataConverter.STANDARD_INSTANCE.toPayload("written before").orElseThrow();
    HttpResponse<String> r = post("/decode", body(plain), UI);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(plain, payload(JSON.readTree(r.body()).get("payloads").get(0)));
  }

  @Test
  void preflightFromTheUiIsAnsweredWithCorsHeaders() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri("/decode"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", UI)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-namespace")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(204, r.statusCode());
    assertEquals(UI, r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    assertEquals("true", r.headers().firstValue("Access-Control-Allow-Credentials").orElse(""));
    assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
    String allowed = r.headers().firstValue("Access-Control-Allow-Headers").orElse("");
    assertTrue(allowed.contains("Content-Type") && allowed.contains("X-Namespace"), allowed);
  }

  @Test
  void theUisNamespaceHeaderIsAccepted() throws Exception {
    Payload sealed =
        workerCodec
            .encode(List.of(DefaultDataConverter.STANDARD_INSTANCE.toPayload("x").orElseThrow()))
            .get(0);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri("/decode"))
                .POST(HttpRequest.BodyPublishers.ofString(body(sealed)))
                .header("Content-Type", "application/json")
                .header("Origin", UI)
                .header("X-Namespace", "default")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  @Test
  void anotherOriginIsRefusedBeforeAnythingIsDecoded() throws Exception {
    Payload sealed =
        workerCodec
            .encode(List.of(DefaultDataConverter.STANDARD_INSTANCE.toPayload("x").orElseThrow()))
            .get(0);
    HttpResponse<String> r = post("/decode", body(sealed), "https://evil.example");
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("RECON_CODEC_ORIGIN"), r.body());
    assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
  }

  @Test
  void badJsonIs400WithOneLine() throws Exception {
    for (String bad :
        List.of(
            "{\"payloads\": [",
            "not json",
            "[]",
            "{}",
            "{\"payloads\": [{\"data\": \"%%%\"}]}",
            "{\"payloads\": [{\"metadata\": {\"encoding\": 7}}]}",
            "{\"payloads\": [42]}")) {
      HttpResponse<String> r = post("/decode", bad, UI);
      assertEquals(400, r.statusCode(), bad + " -> " + r.body());
      assertEquals(1, r.body().strip().lines().count(), r.body());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      // CORS headers on errors too, or the UI could not show why.
      assertEquals(UI, r.headers().firstValue("Access-Control-Allow-Origin").orElse(""), bad);
    }
    assertTrue(post("/decode", "{\"payloads\": [", UI).body().contains("not valid JSON"));
    assertTrue(
        post("/decode", "{\"payloads\": [{\"data\": \"%%%\"}]}", UI)
            .body()
            .contains("payloads[0].data is not base64"));
  }

  @Test
  void tamperedCiphertextIs400NamingTheKeyIdNotTheKey() throws Exception {
    Payload sealed =
        workerCodec
            .encode(List.of(DefaultDataConverter.STANDARD_INSTANCE.toPayload("x").orElseThrow()))
            .get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload tampered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();
    HttpResponse<String> r = post("/decode", body(tampered), UI);
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("failed authentication"), r.body());
    assertFalse(r.body().contains(KEY), r.body());
  }

  @Test
  void onlyPostToEncodeOrDecodeIsServed() throws Exception {
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(uri("/decode")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
    assertEquals(404, post("/metrics", "{\"payloads\":[]}", null).statusCode());
    // A proxy may mount the server under a prefix; a trailing slash is the same endpoint.
    assertEquals(200, post("/codec/decode/", "{\"payloads\":[]}", null).statusCode());
  }

  @Test
  void authorizationIsRequiredWhenConfigured() throws Exception {
    server.close();
    Map<String, String> withAuth =
        Map.of(
            "RECON_PAYLOAD_KEY", KEY,
            "RECON_CODEC_ADDRESS", "127.0.0.1:0",
            "RECON_CODEC_AUTH", "Bearer let-me-in");
    server = CodecServer.startIfKeyed(withAuth).orElseThrow();
    String empty = "{\"payloads\":[]}";
    assertEquals(401, post("/decode", empty, null).statusCode());
    HttpResponse<String> wrong = send("/decode", empty, Map.of("Authorization", "Bearer no"));
    assertEquals(401, wrong.statusCode());
    assertFalse(wrong.body().contains("let-me-in"), wrong.body());
    HttpResponse<String> right =
        send("/decode", empty, Map.of("Authorization", "Bearer let-me-in"));
    assertEquals(200, right.statusCode(), right.body());
    for (ILoggingEvent e : logs.list) {
      assertFalse(e.getFormattedMessage().contains("let-me-in"), e.getFormattedMessage());
    }
  }

  @Test
  void logsHoldNeitherTheKeyNorAnyPayload() throws Exception {
    Payload plain = DefaultDataConverter.STANDARD_INSTANCE.toPayload(SECRET_VALUE).orElseThrow();
    post("/decode", body(workerCodec.encode(List.of(plain)).get(0)), UI);
    post("/encode", body(plain), UI);
    post("/decode", "{\"payloads\": [{\"data\": \"" + SECRET_VALUE + "\"}]}", UI);
    assertFalse(logs.list.isEmpty(), "the start is logged");
    for (ILoggingEvent e : logs.list) {
      String line = e.getFormattedMessage();
      assertFalse(line.contains(KEY), line);
      assertFalse(line.contains(SECRET_VALUE), line);
      assertFalse(line.contains(b64(plain.getData())), line);
    }
  }

  @Test
  void noServerWithoutAPayloadKey() {
    assertEquals(
        Optional.empty(), CodecServer.startIfKeyed(Map.of("RECON_CODEC_ADDRESS", "127.0.0.1:0")));
    assertEquals(Optional.empty(), CodecServer.startIfKeyed(Map.of("RECON_PAYLOAD_KEY", " ")));
  }

  @Test
  void offTurnsItOffEvenWithAKey() {
    assertEquals(
        Optional.empty(),
        CodecServer.startIfKeyed(Map.of("RECON_PAYLOAD_KEY", KEY, "RECON_CODEC_ADDRESS", "off")));
  }

  @Test
  void aTakenPortNamesTheVariable() {
    String taken = "127.0.0.1:" + server.address().getPort();
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                CodecServer.startIfKeyed(
                    Map.of("RECON_PAYLOAD_KEY", KEY, "RECON_CODEC_ADDRESS", taken)));
    assertTrue(e.getMessage().contains("RECON_CODEC_ADDRESS"), e.getMessage());
    assertNotEquals(0, server.address().getPort());
  }

  private HttpResponse<String> post(String path, String body, String origin) throws Exception {
    return send(path, body, origin == null ? Map.of() : Map.of("Origin", origin));
  }

  private HttpResponse<String> send(String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(server.endpoint() + path);
  }

  // The request body written by hand, as the Temporal UI sends it: protobuf JSON with base64.
  private static String body(Payload... payloads) {
    StringBuilder b = new StringBuilder("{\"payloads\":[");
    for (int i = 0; i < payloads.length; i++) {
      b.append(i == 0 ? "" : ",").append("{\"metadata\":{");
      int m = 0;
      for (var e : payloads[i].getMetadataMap().entrySet()) {
        b.append(m++ == 0 ? "" : ",")
            .append('"')
            .append(e.getKey())
            .append("\":\"")
            .append(b64(e.getValue()))
            .append('"');
      }
      b.append("},\"data\":\"").append(b64(payloads[i].getData())).append("\"}");
    }
    return b.append("]}").toString();
  }

  private static Payload payload(JsonNode node) {
    Payload.Builder p = Payload.newBuilder();
    node.path("metadata")
        .fields()
        .forEachRemaining(
            e ->
                p.putMetadata(
                    e.getKey(),
                    ByteString.copyFrom(Base64.getDecoder().decode(e.getValue().asText()))));
    p.setData(ByteString.copyFrom(Base64.getDecoder().decode(node.path("data").asText(""))));
    return p.build();
  }

  private static String b64(ByteString bytes) {
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  private static String base64Text(JsonNode node) {
    return new String(Base64.getDecoder().decode(node.asText()), StandardCharsets.UTF_8);
  }
}
