/** The Temporal contract of recon and its deterministic workflow logic. */
package io.recon.workflows;
