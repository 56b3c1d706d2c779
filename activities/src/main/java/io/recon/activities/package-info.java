/** recon's activities, implemented against PostgreSQL and MongoDB. */
package io.recon.activities;
