package io.recon.workflows.testing;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.RawValue;
import java.nio.charset.StandardCharsets;

/** Raw payloads as clients in any language send them, including ones that are not valid JSON. */
public final class Payloads {
  private Payloads() {}

  /** JSON text with the SDKs' {@code json/plain} encoding; the text need not be valid JSON. */
  public static RawValue json(String text) {
    return raw("json/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  /** Any bytes under any encoding, e.g. {@code binary/plain} garbage. */
  public static RawValue raw(String encoding, byte[] data) {
    return new RawValue(
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8(encoding))
            .setData(ByteString.copyFrom(data))
            .build());
  }
}
