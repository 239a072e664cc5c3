/**
 * Processes as the servers offer them: each declares its description once, as data next to its
 * {@code execute}; input validation and defaults, the WPS DescribeProcess and the OGC API process
 * description are all derived from that one description. A process knows nothing of HTTP.
 */
package io.rgbunmix.process;
