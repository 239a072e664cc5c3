/** What both HTTP interfaces (WPS and OGC API - Processes) share about a request before either reads it:
 * its body, spooled to a file within the server's size limit. */
package io.rgbunmix.http;
