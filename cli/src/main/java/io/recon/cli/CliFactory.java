package io.recon.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Builds the commands and mixins picocli instantiates, giving the {@link CliContext} to each one
 * whose constructor takes it; anything else is built by picocli's own factory.
 */
final class CliFactory implements CommandLine.IFactory {
  private final CliContext context;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  CliFactory(CliContext context) {
    this.context = context;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    Constructor<K> withContext;
    try {
      withContext = type.getDeclaredConstructor(CliContext.class);
    } catch (NoSuchMethodException e) {
      return fallback.create(type);
    }
    withContext.setAccessible(true);
    return withContext.newInstance(context);
  }
}
