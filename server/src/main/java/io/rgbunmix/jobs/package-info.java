/**
 * Jobs shared by every interface (WPS, OGC API - Processes): bounded pools for synchronous and
 * asynchronous work, one directory per job with its status written atomically, survival of
 * finished jobs across restarts, expiry, and cooperative cancellation. Knows nothing of HTTP
 * or of what a job computes.
 */
package io.rgbunmix.jobs;
