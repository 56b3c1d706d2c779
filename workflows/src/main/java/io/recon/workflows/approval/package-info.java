/**
 * Approve and reject signals: their lenient parsing and the bounded log of what the workflow made
 * of them. Kept apart from the workflow so the approval phase can build on tested validation.
 */
package io.recon.workflows.approval;
