/**
 * OGC WPS 1.0.0 in GeoServer's dialect: KVP and XML requests are translated into calls of the
 * process registry and the job manager, and their answers into WPS and OWS XML documents.
 */
package io.rgbunmix.wps;
