/**
 * Encryption of Temporal payloads, so that workflow histories on the cluster hold no readable keys,
 * values or names. {@link io.recon.starter.codec.PayloadEncryption} builds the data converter that
 * every recon client and worker uses when {@code RECON_PAYLOAD_KEY} is set.
 */
package io.recon.starter.codec;
