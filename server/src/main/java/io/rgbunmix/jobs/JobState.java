package io.rgbunmix.jobs;

/** Where a job is in its life. The last three are final. */
public enum JobState {
    ACCEPTED, RUNNING, SUCCEEDED, FAILED, DISMISSED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == DISMISSED;
    }
}
