/** Pure reconciliation logic: the job spec, the canonical form, hashing and the merge-join. */
package io.recon.core;
