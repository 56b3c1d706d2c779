package io.recon.core.canonical;

import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.TimePrecision;
import java.math.BigDecimal;

/**
 * The authoritative per-field verdict. It is at least as lenient as hash equality (equal encodings
 * are always equal here) and adds what a hash cannot know: tolerances, and timestamps compared at
 * the coarser of both sides' precision.
 */
public final class FieldComparator {
  private FieldComparator() {}

  /** Whether source value {@code s} and target value {@code t} of field {@code f} agree. */
  public static boolean equal(FieldSpec f, CanonicalValue s, CanonicalValue t) {
    if (s instanceof CanonicalValue.Invalid || t instanceof CanonicalValue.Invalid) {
      return false;
    }
    if (s instanceof CanonicalValue.Num a && t instanceof CanonicalValue.Num b) {
      return a.value().compareTo(b.value()) == 0 || within(f, a.value().subtract(b.value()));
    }
    if (s instanceof CanonicalValue.Dbl a && t instanceof CanonicalValue.Dbl b) {
      return doubles(f, a, b);
    }
    if (s instanceof CanonicalValue.Timestamp a && t instanceof CanonicalValue.Timestamp b) {
      TimePrecision p = f.precision().coarser(a.natural()).coarser(b.natural());
      return a.instant().truncatedTo(p.unit()).equals(b.instant().truncatedTo(p.unit()));
    }
    return s.equals(t);
  }

  private static boolean doubles(FieldSpec f, CanonicalValue.Dbl a, CanonicalValue.Dbl b) {
    if (a.rounded().compareTo(b.rounded()) == 0) {
      return true;
    }
    double diff = Math.abs(a.value() - b.value());
    // Two values either side of a rounding boundary at the 15th digit still differ only in
    // their last bits; a few ulps cover that without hiding any real change.
    double ulps = 4 * Math.ulp(Math.max(Math.abs(a.value()), Math.abs(b.value())));
    return diff <= ulps || within(f, BigDecimal.valueOf(diff));
  }

  private static boolean within(FieldSpec f, BigDecimal diff) {
    return f.tolerance() != null && diff.abs().compareTo(f.tolerance()) <= 0;
  }
}
