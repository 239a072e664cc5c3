/** HTTP bootstrap: the embedded Javalin server that routes /wps and /ows to the WPS service and the
 * other paths to OGC API - Processes. */
package io.rgbunmix.server;
