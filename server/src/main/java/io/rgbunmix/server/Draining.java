package io.rgbunmix.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * A graceful stop: once {@link #drain} is called, every new request is answered 503 at once (a load
 * balancer sends it elsewhere; {@code /ready} says so too), while the requests already running (a
 * synchronous execution among them) get up to the grace period to finish. Counts the requests in flight, each
 * until its response is sent.
 */
final class Draining extends HandlerWrapper {
    /** What a refused request is answered: the status is 503, the body its interface's. */
    interface Refusal {
        void answer(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private final Refusal refusal;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int inFlight;

    Draining(Refusal refusal) {
        this.refusal = refusal;
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, jakarta.servlet.ServletException {
        if (draining.get()) {
            baseRequest.setHandled(true);
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "30");
            response.setHeader("Connection", "close");
            refusal.answer(request, response);
            baseRequest.getResponse().closeOutput();
            return;
        }
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
        try {
            super.handle(target, baseRequest, request, response);
            if (baseRequest.isHandled() && !baseRequest.isAsyncStarted()) {
                // sent before the request counts as ended: Jetty sends a small response only after this returns,
                // and the stop that follows the drain closes every connection (a client saw no byte of its 200)
                baseRequest.getResponse().closeOutput();
            }
        } finally {
            lock.lock();
            try {
                inFlight--;
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Refuses new requests from now on, and waits for those running to end, at most {@code grace};
     * returns how many were still running when it stopped waiting.
     */
    int drain(Duration grace) throws InterruptedException {
        draining.set(true);
        long left = grace.toNanos();
        lock.lock();
        try {
            while (inFlight > 0 && left > 0) {
                left = idle.awaitNanos(left);
            }
            return inFlight;
        } finally {
            lock.unlock();
        }
    }
}
