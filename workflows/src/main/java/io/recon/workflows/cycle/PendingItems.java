package io.recon.workflows.cycle;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The discrepancies of a cycle held for a decision: the first {@link #LIMIT} by id, and how many
 * there are in all. Each item's {@code id} is what {@code decide}, the {@code approve} and {@code
 * reject} signals and {@code recon approve --ids} take. The workflow holds only what an activity
 * read from the store when the cycle routed and after each decision, so its size is bounded and its
 * values are already cut for display.
 *
 * <p>The list is also bounded in size: items are listed, in id order, while their text stays within
 * {@link #MAX_CHARS} in all, so that an activity result, a query answer and the history stay far
 * under Temporal's payload limits even for documents with many differing fields.
 *
 * @param total every discrepancy of the cycle still pending approval, listed or not
 * @param items the first of them by id: at most {@link #LIMIT}, and fewer when their text would
 *     pass {@link #MAX_CHARS}
 */
@JsonPropertyOrder({"total", "items"})
public record PendingItems(long total, List<PendingItem> items) {
  /** The most items a status lists. */
  public static final int LIMIT = 100;

  /** The most text (keys, paths and values) the listed items hold in all. */
  public static final int MAX_CHARS = 32_000;

  public static final PendingItems NONE = new PendingItems(0, List.of());

  /**
   * The first of {@code candidates} (in the order given, at most {@link #LIMIT} read) that fit in
   * {@link #MAX_CHARS}, with {@code total}; the list stops at the first item that does not fit.
   */
  public static PendingItems bounded(long total, Iterable<PendingItem> candidates) {
    List<PendingItem> listed = new java.util.ArrayList<>();
    long chars = 0;
    for (PendingItem item : candidates) {
      chars += item.chars();
      if (listed.size() == LIMIT || chars > MAX_CHARS) {
        break;
      }
      listed.add(item);
    }
    return new PendingItems(total, listed);
  }

  public PendingItems {
    items = items == null ? List.of() : List.copyOf(items);
    if (items.size() > LIMIT) {
      items = items.subList(0, LIMIT);
    }
    if (total < items.size()) {
      throw new IllegalArgumentException(
          "PendingItems.total " + total + " is less than its " + items.size() + " items");
    }
  }
}
