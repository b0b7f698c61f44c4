package io.weatherpipeline.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port checks. */
public final class Ports {

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

    /** A port that was free a moment ago. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StackException("Cannot find a free port on localhost: " + e.getMessage(), e);
        }
    }
}
