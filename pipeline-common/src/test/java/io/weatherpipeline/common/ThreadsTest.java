package io.weatherpipeline.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ThreadsTest {

    @Test
    void makesUnstartedDaemonThreadsWithTheGivenName() {
        Thread t = Threads.daemon("hdfs-writer-3").newThread(() -> {
        });
        assertEquals("hdfs-writer-3", t.getName());
        assertTrue(t.isDaemon());
        assertEquals(Thread.State.NEW, t.getState());
    }

    @Test
    void anExecutorRunsItsTasksOnTheNamedDaemonThread() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(Threads.daemon("flush-timer"));
        try {
            Thread worker = executor.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            assertEquals("flush-timer", worker.getName());
            assertTrue(worker.isDaemon());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void startDaemonRunsTheTaskAtOnce() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        Thread t = Threads.startDaemon("partition-writer", ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        t.join(10_000);
        assertFalse(t.isAlive());
        assertEquals("partition-writer", t.getName());
        assertTrue(t.isDaemon());
    }
}
