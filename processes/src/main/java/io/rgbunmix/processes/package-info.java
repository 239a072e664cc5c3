/**
 * The processes as data, shared by every front end: each one's description (inputs with their types,
 * ranges, defaults, cardinality and formats; outputs) and how clients' media types name its formats.
 * No HTTP, no GeoTools, no Spark: WPS, OGC API - Processes, the command line, GeoServer and Spark are
 * made from these descriptions, each turning what it receives into the engine's sources.
 */
package io.rgbunmix.processes;
