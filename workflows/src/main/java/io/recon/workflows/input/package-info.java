/**
 * Reading what clients send a workflow: start inputs and signal payloads arrive as raw payloads and
 * are decoded and validated here, in workflow code, so that nothing a client sends is dropped by
 * the SDK or retried as a failing workflow task.
 */
package io.recon.workflows.input;
