package dz.zst.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A loopback TCP relay in front of a real server (the embedded PostgreSQL or Redis), so a test can
 * take that server away from one node and give it back, as an outage would: {@link #cut()} closes
 * every relayed connection and refuses new ones on the same port; {@link #restore()} listens again.
 * The server itself keeps running for the other nodes of the test JVM.
 */
public final class TcpProxy implements AutoCloseable {

    /** Where the relays' ports start: above the ports well-known services use. */
    private static final int LOWEST_PORT = 20000;

    private final int target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    public TcpProxy(int target) throws IOException {
        this.target = target;
        ServerSocket first = listenerBelowEphemeralPorts();
        this.port = first.getLocalPort();
        listen(first);
    }

    /**
     * A listener on a free port below the kernel's ephemeral range. A port the kernel handed out
     * ({@code new ServerSocket(0)}) is an ephemeral one, and while the relay was cut an outgoing
     * connection of the test JVM (a pool's, to PostgreSQL or Redis) could be given it as its own
     * local port: {@link #restore()} then failed, "Address already in use" (a fresh-clone run of
     * LostGenerationBumpsTest). No outgoing connection is ever given a port below that range.
     */
    private static ServerSocket listenerBelowEphemeralPorts() throws IOException {
        int below = ephemeralPortsStart();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; below > LOWEST_PORT + 1 && attempt < 100; attempt++) {
            ServerSocket candidate = new ServerSocket();
            candidate.setReuseAddress(true);
            try {
                candidate.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        random.nextInt(LOWEST_PORT, below)), 200);
                return candidate;
            } catch (IOException taken) {
                candidate.close();
            }
        }
        return new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    }

    /** The first port of Linux's ephemeral range (its default when it can't be read). */
    private static int ephemeralPortsStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }

    public int port() {
        return port;
    }

    /** Every connection through the relay is closed, and new ones are refused, until {@link #restore()}. */
    public synchronized void cut() throws IOException {
        ServerSocket current = listener;
        listener = null;
        if (current != null) {
            current.close();
        }
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    public synchronized void restore() throws IOException {
        if (listener == null) {
            ServerSocket again = new ServerSocket();
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            listen(again);
        }
    }

    private void listen(ServerSocket server) {
        listener = server;
        daemon(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(client);
                    open.add(upstream);
                    relay(client, upstream);
                    relay(upstream, client);
                } catch (IOException e) {
                    // closed by cut() or close(), or the server refused: the client sees its socket end
                }
            }
        });
    }

    private void relay(Socket from, Socket to) {
        daemon(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // either side closed
            } finally {
                close(from);
                close(to);
            }
        });
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "tcp-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
