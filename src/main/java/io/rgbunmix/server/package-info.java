/** HTTP bootstrap: the embedded Javalin server that routes /wps and /ows to the WPS service. */
package io.rgbunmix.server;
