package io.recon.activities.compare;

import io.opentelemetry.context.Context;
import io.recon.core.canonical.CanonicalRecord;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A source page read on another thread. Its failure is rethrown by {@link #await} as it was thrown,
 * so it is classified like a page read in turn; an attempt that ends without awaiting it (failed or
 * cancelled) {@link #abandon}s it, and the page read ends on its own, releasing its connection.
 */
final class SourcePage {
  private final CompletableFuture<List<CanonicalRecord>> page;

  private SourcePage(CompletableFuture<List<CanonicalRecord>> page) {
    this.page = page;
  }

  /** Starts {@code read} on {@code executor}, in the caller's trace context. */
  static SourcePage start(Executor executor, Supplier<List<CanonicalRecord>> read) {
    return new SourcePage(
        CompletableFuture.supplyAsync(Context.current().wrapSupplier(read), executor));
  }

  /** The page, once read; its read's own exception if it failed. */
  List<CanonicalRecord> await() {
    try {
      return page.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      page.cancel(true);
      throw new CancellationException("interrupted while reading a source page");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Drops {@code page} if it was not awaited; null is nothing to drop. */
  static void abandon(SourcePage page) {
    if (page != null) {
      page.page.cancel(false);
    }
  }
}
