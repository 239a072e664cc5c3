/**
 * Processes as the servers run them: each takes its description from {@code io.rgbunmix.processes}
 * (where every front end finds it) and adds the checks the description cannot express and its
 * {@code execute}; input validation and defaults, the WPS DescribeProcess and the OGC API process
 * description are all derived from that one description. A process knows nothing of HTTP.
 */
package io.rgbunmix.execution;
