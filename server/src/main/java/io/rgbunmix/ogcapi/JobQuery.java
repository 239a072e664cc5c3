package io.rgbunmix.ogcapi;

import io.rgbunmix.jobs.JobFilter;
import io.rgbunmix.jobs.JobState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The job list's parameters of OGC API - Processes 1.0 (requirements class job-list): {@code type},
 * {@code processID}, {@code status}, {@code datetime}, {@code minDuration} and {@code maxDuration}, each list
 * given comma-separated or repeated, read into the protocol-neutral {@link JobFilter}; and written back in the
 * paging links, so that the next page is of the same jobs.
 *
 * @param filter    the jobs shown
 * @param anyType   whether the types asked include this server's only one, {@code process}
 * @param query     the filtering parameters as a query string's tail ({@code &processID=echo...}), or ""
 */
record JobQuery(JobFilter filter, boolean anyType, String query) {
    private static final List<String> NAMES = List.of("type", "processID", "status", "datetime", "minDuration",
            "maxDuration");

    /**
     * Reads the parameters of a job list request.
     *
     * @throws IllegalArgumentException naming the parameter and what it takes, for a value that is none of them
     */
    static JobQuery of(Map<String, List<String>> parameters) {
        Set<String> types = values(parameters, "type");
        Set<JobState> states = new LinkedHashSet<>();
        for (String status : values(parameters, "status")) {
            states.add(state(status));
        }
        Instant from = null;
        Instant to = null;
        List<String> datetime = parameters.getOrDefault("datetime", List.of());
        if (!datetime.isEmpty()) {
            String[] interval = datetime.get(0).split("/", -1);
            if (interval.length > 2) {
                throw new IllegalArgumentException("datetime: an instant or an interval start/end, not " + datetime.get(0));
            }
            from = instant(interval[0]);
            to = interval.length == 1 ? from : instant(interval[1]);
        }
        JobFilter filter = new JobFilter(values(parameters, "processID"), states, from, to,
                seconds(parameters, "minDuration"), seconds(parameters, "maxDuration"));
        StringBuilder query = new StringBuilder();
        for (String name : NAMES) {
            for (String value : parameters.getOrDefault(name, List.of())) {
                query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return new JobQuery(filter, types.isEmpty() || types.contains("process"), query.toString());
    }

    private static Set<String> values(Map<String, List<String>> parameters, String name) {
        Set<String> values = new LinkedHashSet<>();
        for (String given : parameters.getOrDefault(name, List.of())) {
            for (String value : given.split(",")) {
                if (!value.isBlank()) {
                    values.add(value.strip());
                }
            }
        }
        return values;
    }

    /** A status code of OGC API - Processes as this server's state. */
    private static JobState state(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "accepted" -> JobState.ACCEPTED;
            case "running" -> JobState.RUNNING;
            case "successful" -> JobState.SUCCEEDED;
            case "failed" -> JobState.FAILED;
            case "dismissed" -> JobState.DISMISSED;
            default -> throw new IllegalArgumentException("status: one or more of accepted, running, successful, "
                    + "failed and dismissed, not '" + status + "'");
        };
    }

    /** An RFC 3339 date-time; null for an open end ('..' or empty). */
    private static Instant instant(String text) {
        if (text.isEmpty() || text.equals("..")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("datetime: RFC 3339 date-times (2026-12-07T10:00:00Z), or an interval "
                    + "of two with '..' for an open end, not '" + text + "'");
        }
    }

    private static Duration seconds(Map<String, List<String>> parameters, String name) {
        List<String> given = parameters.getOrDefault(name, List.of());
        if (given.isEmpty()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(given.get(0).strip());
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": a whole number of seconds, 0 or more, not '" + given.get(0) + "'");
        }
    }
}
