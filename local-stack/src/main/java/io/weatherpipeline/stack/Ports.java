package io.weatherpipeline.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port checks. */
public final class Ports {

    /**
     * Every port this JVM has handed out: a process started on one may take seconds to bind it, and until
     * then the port looks free, so it must not be handed out again (two services were once given the same
     * port that way, and the second could not start).
     */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** Fails with one clear line when something already listens on {@code port}. */
    public static void requireFree(int port, String what) {
        if (isListening(port)) {
            throw new StackException("Port " + port + " (" + what + ") is already taken on localhost. Stop whatever"
                    + " listens there (ss -ltnp 'sport = :" + port + "') or choose another port.");
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port that was free a moment ago, below the kernel's range of ephemeral ports. A client that
     * keeps reconnecting to a server that is down (our tests stop servers on purpose) is given
     * ephemeral source ports, and when one equals the server's port, Linux connects the socket to
     * itself and the port is taken when the server comes back. Below the range, that cannot happen.
     */
    public static int free() {
        int below = ephemeralRangeStart();
        if (below > 2048) {
            for (int i = 0; i < 200; i++) {
                int port = 1024 + ThreadLocalRandom.current().nextInt(below - 1024);
                if (!GIVEN.contains(port) && canBind(port) && GIVEN.add(port)) {
                    return port;
                }
            }
        }
        for (int i = 0; i < 200; i++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                if (GIVEN.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new StackException("Cannot find a free port on localhost: " + e.getMessage(), e);
            }
        }
        throw new StackException("Cannot find a free port on localhost that this JVM has not handed out yet");
    }

    /** The first of {@code count} consecutive ports that were all free a moment ago (below the ephemeral range). */
    public static int freeRun(int count) {
        for (int i = 0; i < 200; i++) {
            int first = free();
            boolean all = true;
            for (int p = first + 1; p < first + count && all; p++) {
                all = p < 65536 && !GIVEN.contains(p) && canBind(p);
            }
            if (all) {
                for (int p = first + 1; p < first + count; p++) {
                    GIVEN.add(p);
                }
                return first;
            }
        }
        throw new StackException("Cannot find " + count + " consecutive free ports on localhost");
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** First port of {@code net.ipv4.ip_local_port_range} (32768, Linux's default, when unreadable). */
    static int ephemeralRangeStart() {
        try {
            // Read line-wise: /proc files claim size 0, and a read sized by that may stop after one byte.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }
}
