/** The client side of recon: starting, querying and signalling cycles, and reading results. */
package io.recon.starter;
