package io.recon.starter.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the data converter of every recon client and worker. Workers and every {@code recon}
 * invocation must see the same {@code RECON_PAYLOAD_KEY}: a process without it cannot read what one
 * with it wrote, and the reverse would leave payloads in clear.
 */
public final class PayloadEncryption {
  private PayloadEncryption() {}

  /**
   * The standard converter wrapped in {@link EncryptionCodec} when {@code RECON_PAYLOAD_KEY} is
   * set, the standard converter alone otherwise. Failure messages and stack traces are encrypted
   * too, because an exception's message may quote a record's key or value.
   */
  public static DataConverter dataConverter(Map<String, String> env) {
    return codec(env)
        .<DataConverter>map(
            codec ->
                new CodecDataConverter(
                    DefaultDataConverter.STANDARD_INSTANCE, List.of(codec), true))
        .orElse(DefaultDataConverter.STANDARD_INSTANCE);
  }

  /**
   * The payload codec of {@link #dataConverter}, or empty when {@code RECON_PAYLOAD_KEY} is unset;
   * the worker's codec server serves this same codec.
   */
  public static Optional<PayloadCodec> codec(Map<String, String> env) {
    List<PayloadKey> keys = PayloadKey.fromEnv(env);
    return keys.isEmpty() ? Optional.empty() : Optional.of(new EncryptionCodec(keys));
  }

  /** Whether payloads will be encrypted under this environment. */
  public static boolean enabled(Map<String, String> env) {
    return !PayloadKey.fromEnv(env).isEmpty();
  }
}
