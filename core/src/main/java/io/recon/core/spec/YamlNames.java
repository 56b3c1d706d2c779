package io.recon.core.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one mapping between enum constants and their spelling in a job spec file: lower case, with
 * {@code -} for {@code _} ({@code COLLAPSE_WHITESPACE} is {@code collapse-whitespace}). JSON keeps
 * the constant names, so only the YAML side goes through here.
 */
public final class YamlNames {
  private YamlNames() {}

  /** The YAML spelling of {@code value}. */
  public static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant spelled {@code text} in YAML, if any; exact spelling only. */
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> of(e).equals(text)).findFirst();
  }

  /** Every YAML spelling of {@code type}, in declaration order, for error messages. */
  public static List<String> allowed(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(YamlNames::of).toList();
  }
}
