/**
 * Fetching inputs that requests name by URL: only http(s), only allow-listed prefixes, never
 * link-local or cloud metadata addresses, no redirects, with size and time caps.
 */
package io.rgbunmix.fetch;
