package io.recon.activities.support;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import io.recon.workflows.failure.FailureType;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * The one place that decides whether a failure is transient (retrying may help) or permanent.
 * Following Debezium's rule, only failures <em>known</em> to be transient are retried: lost
 * connections, timeouts, serialization failures and deadlocks, an administrator's shutdown, MongoDB
 * network, not-primary and write-concern errors. Everything else, including an exception nobody
 * foresaw, is permanent: a non-retryable {@link ApplicationFailure} typed by {@link FailureType}
 * ({@link FailureType#UNEXPECTED} when nothing more precise is known), because retrying a
 * deterministic failure would loop.
 */
public final class Failures {
  /** MongoDB server error codes that mean "try again": network, shutdown, stepdown, time limit. */
  private static final Set<Integer> TRANSIENT_MONGO_CODES =
      Set.of(
          6, // HostUnreachable
          7, // HostNotFound
          50, // MaxTimeMSExpired
          64, // WriteConcernFailed
          89, // NetworkTimeout
          91, // ShutdownInProgress
          112, // WriteConflict
          189, // PrimarySteppedDown
          262, // ExceededTimeLimit
          9001, // SocketException
          10107, // NotWritablePrimary
          11600, // InterruptedAtShutdown
          11602, // InterruptedDueToReplStateChange
          13435, // NotPrimaryNoSecondaryOk
          13436 // NotPrimaryOrSecondary
          );

  private static final Set<Integer> UNAUTHORIZED_MONGO_CODES = Set.of(13, 18);

  private Failures() {}

  /** A non-retryable failure of {@code type}; its message is what an operator reads. */
  public static ApplicationFailure permanent(FailureType type, String message) {
    return ApplicationFailure.newNonRetryableFailure(message, type.name());
  }

  /**
   * The exception an activity should throw for {@code error}: when it is known to be transient, a
   * retryable failure typed by the root cause's class (e.g. {@code PSQLException}) whose message is
   * {@code context: cause}, so that Temporal retries it within the activity's bounded policy and
   * {@code recon status} shows a readable last error; otherwise a non-retryable failure with the
   * same message. Temporal's own signals to an activity (cancelled, timed out, worker stopping) and
   * failures already classified pass through unchanged.
   *
   * @param context what was being done, e.g. "reading the source", prefixed to the message
   */
  public static RuntimeException classify(String context, Throwable error) {
    if (error instanceof ApplicationFailure f) {
      return f;
    }
    if (error instanceof ActivityCompletionException c) {
      return c;
    }
    if (isTransient(error)) {
      Throwable root = root(error);
      return ApplicationFailure.newFailureWithCause(
          context + ": " + oneLine(messageOf(root)), root.getClass().getSimpleName(), error);
    }
    FailureType type = permanentType(error);
    return permanent(
        type == null ? FailureType.UNEXPECTED : type, context + ": " + describe(error, type));
  }

  /**
   * The permanent type that names {@code error} (or a cause) precisely, or null when it is
   * transient or nothing more precise than {@link FailureType#UNEXPECTED} is known.
   */
  public static FailureType permanentType(Throwable error) {
    for (Throwable t = error; t != null; t = next(t)) {
      if (t instanceof SQLException e && e.getSQLState() != null) {
        return sqlState(e.getSQLState());
      }
      if (t instanceof MongoSecurityException
          || t instanceof MongoCommandException c
              && UNAUTHORIZED_MONGO_CODES.contains(c.getErrorCode())) {
        return FailureType.UNAUTHORIZED;
      }
    }
    return null;
  }

  /** Whether {@code error} or one of its causes is on the allow-list of transient failures. */
  public static boolean isTransient(Throwable error) {
    for (Throwable t = error; t != null; t = next(t)) {
      if (t instanceof SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
          return transientSqlState(state);
        }
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
          return true;
        }
      } else if (t instanceof MongoException m) {
        if (transientMongo(m)) {
          return true;
        }
      } else if (t instanceof SocketException
          || t instanceof SocketTimeoutException
          || t instanceof UnknownHostException) {
        // A socket closed, reset or timed out under a driver that did not wrap it in its own type.
        return true;
      }
    }
    return false;
  }

  /**
   * The permanent type of a PostgreSQL SQLState that names a precise cause, or null (transient, or
   * {@link FailureType#UNEXPECTED}).
   */
  public static FailureType sqlState(String state) {
    if (state.startsWith("28") || state.equals("42501")) {
      return FailureType.UNAUTHORIZED;
    }
    if (state.equals("42703")) {
      return FailureType.MISSING_COLUMN;
    }
    // 42*: syntax, undefined table or function; 25006: a write refused by a read-only transaction.
    if (state.startsWith("42") || state.equals("25006")) {
      return FailureType.BAD_QUERY;
    }
    return null;
  }

  /**
   * Whether retrying may help: {@code 08*} (connection), {@code 40001} (serialization), {@code
   * 40P01} (deadlock), {@code 53*} (insufficient resources, too many connections), {@code 55P03}
   * (lock not available), {@code 57014} (statement timeout), {@code 57P01}-{@code 57P03} (admin or
   * crash shutdown, cannot connect now). Every other state is permanent.
   */
  public static boolean transientSqlState(String state) {
    return state.startsWith("08")
        || state.startsWith("53")
        || state.equals("40001")
        || state.equals("40P01")
        || state.equals("55P03")
        || state.equals("57014")
        || state.equals("57P01")
        || state.equals("57P02")
        || state.equals("57P03");
  }

  private static boolean transientMongo(MongoException m) {
    if (m instanceof MongoSocketException
        || m instanceof MongoTimeoutException
        || m instanceof MongoExecutionTimeoutException
        || m instanceof MongoNotPrimaryException
        || m instanceof MongoNodeIsRecoveringException
        || m instanceof MongoWriteConcernException) {
      return true;
    }
    if (m.hasErrorLabel("RetryableWriteError")
        || m.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)) {
      return true;
    }
    return m instanceof MongoCommandException c && TRANSIENT_MONGO_CODES.contains(c.getErrorCode());
  }

  private static Throwable next(Throwable t) {
    Throwable cause = t.getCause();
    return cause == t ? null : cause;
  }

  /**
   * The root cause's message, named by its class when the failure is unexpected, on one line: an
   * operator reads it in {@code recon status} and in the cycle's error.
   */
  private static String describe(Throwable error, FailureType type) {
    Throwable root = root(error);
    String message = root.getMessage();
    String text =
        type == null
            ? root.getClass().getSimpleName() + (message == null ? "" : ": " + message)
            : messageOf(root);
    if (root instanceof SQLException e && e.getSQLState() != null && type == null) {
      text = text + " (SQLState " + e.getSQLState() + ")";
    }
    return oneLine(text);
  }

  private static Throwable root(Throwable error) {
    Throwable root = error;
    while (next(root) != null) {
      root = next(root);
    }
    return root;
  }

  private static String messageOf(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
  }
}
