package io.recon.activities.support;

import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.recon.workflows.failure.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;

/**
 * The one place that decides whether a failure is permanent (retrying cannot fix it) or transient.
 * Permanent failures become non-retryable {@link ApplicationFailure}s typed by {@link FailureType};
 * everything else is rethrown for Temporal to retry.
 */
public final class Failures {
  private Failures() {}

  /** A non-retryable failure of {@code type}; its message is what an operator reads. */
  public static ApplicationFailure permanent(FailureType type, String message) {
    return ApplicationFailure.newNonRetryableFailure(message, type.name());
  }

  /**
   * The exception an activity should throw for {@code error}: a non-retryable failure when the
   * cause is permanent, otherwise {@code error} itself (wrapped when checked) so that it is
   * retried.
   *
   * @param context what was being done, e.g. "reading the source", prefixed to permanent messages
   */
  public static RuntimeException classify(String context, Throwable error) {
    if (error instanceof ApplicationFailure f) {
      return f;
    }
    FailureType type = permanentType(error);
    if (type != null) {
      return permanent(type, context + ": " + rootMessage(error));
    }
    return error instanceof RuntimeException r ? r : new RuntimeException(context, error);
  }

  /** The failure type if {@code error} (or a cause) is permanent, else null (transient). */
  public static FailureType permanentType(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException e && e.getSQLState() != null) {
        return sqlState(e.getSQLState());
      }
      if (t instanceof MongoSecurityException) {
        return FailureType.UNAUTHORIZED;
      }
      if (t instanceof MongoSocketException || t instanceof MongoTimeoutException) {
        return null;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** The permanent type of a PostgreSQL SQLState, or null when retrying may help. */
  public static FailureType sqlState(String state) {
    if (state.startsWith("28") || state.equals("42501")) {
      return FailureType.UNAUTHORIZED;
    }
    if (state.equals("42703")) {
      return FailureType.MISSING_COLUMN;
    }
    if (state.startsWith("42")) {
      return FailureType.BAD_QUERY;
    }
    // 08* (connection), 40001 (serialization), 40P01 (deadlock), 57P01 (admin shutdown) and
    // anything unknown are retried: a retry policy bounds them, a wrong verdict would not be.
    return null;
  }

  private static String rootMessage(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }
}
