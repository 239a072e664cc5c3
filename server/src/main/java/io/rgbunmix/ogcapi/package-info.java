/**
 * OGC API - Processes - Part 1: Core 1.0 over the same process registry and job manager as WPS: a job
 * started through one interface is visible through the other. JSON process descriptions are rendered
 * from the same {@link io.rgbunmix.execution.ProcessDescription} as WPS DescribeProcess.
 */
package io.rgbunmix.ogcapi;
