package dz.zst.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay in front of a real server (the embedded PostgreSQL or Redis), so a test can
 * take that server away from one node and give it back, as an outage would: {@link #cut()} closes
 * every relayed connection and refuses new ones on the same port; {@link #restore()} listens again.
 * The server itself keeps running for the other nodes of the test JVM.
 */
public final class TcpProxy implements AutoCloseable {

    private final int target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    public TcpProxy(int target) throws IOException {
        this.target = target;
        ServerSocket first = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.port = first.getLocalPort();
        listen(first);
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
