package io.rgbunmix.jobs;

/** Every worker is busy and the queue is full: try again after {@link #retryAfterSeconds()}. */
public class ServerBusyException extends Exception {
    private final int retryAfterSeconds;

    public ServerBusyException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
