/**
 * Pages for people: the HTML renderings of the OGC API and WPS resources (Pebble templates over the
 * same JSON documents that clients get), the results map, and the self-contained map file of a run.
 * Which requests are a browser's is decided here, with care for clients whose Accept header starts
 * with text/html too.
 */
package io.rgbunmix.html;
