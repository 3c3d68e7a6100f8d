package dk.sdu.im.ipc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link InstanceConnection} of IM/User. Runs as the end user. Trusts what arrives on the socket only as
 * far as the protocol allows: every frame is decoded strictly, a push must be a push type, and a reply must
 * answer the one request in flight; anything else closes the connection.
 */
final class ClientInstanceConnection implements InstanceConnection {
    private static final Logger LOG = Logger.getLogger(ClientInstanceConnection.class.getName());

    private final ClientLink link;
    private final Consumer<? super ServerToInstance> pushListener;
    private final ExecutorService pushes =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("ipc-push").factory());
    private final ReentrantLock requestLock = new ReentrantLock();
    private final CompletableFuture<IpcClosed> closed = new CompletableFuture<>();
    private volatile CompletableFuture<ServerToInstance> pending;

    private ClientInstanceConnection(ClientLink link, Consumer<? super ServerToInstance> pushListener) {
        this.link = link;
        this.pushListener = pushListener;
    }

    static ClientInstanceConnection open(Path socket, Consumer<? super ServerToInstance> pushListener)
            throws IOException {
        Objects.requireNonNull(pushListener, "pushListener");
        ClientLink link = ClientLink.connect(socket);
        try {
            handshake(link);
        } catch (IOException | ProtocolViolation e) {
            link.close();
            throw link.closed("failed during the handshake: " + e.getMessage(), e);
        } catch (IpcClosed e) {
            link.close();
            throw e;
        }
        ClientInstanceConnection connection = new ClientInstanceConnection(link, pushListener);
        Thread.ofVirtual().name("ipc-reader").start(connection::readLoop);
        primeRegistration();
        return connection;
    }

    /**
     * Builds the codec's writer for {@code Register} and reader for {@code Assigned} now, by a round trip in memory:
     * the registration that follows is on a fresh instance's critical path (cold start), and this thread would
     * otherwise wait idle for the listeners. Nothing is sent.
     */
    private static void primeRegistration() {
        try {
            Codec.INSTANCE_TO_SERVER.encode(new InstanceToServer.Register(1));
            Codec.SERVER_TO_INSTANCE.decode(Codec.SERVER_TO_INSTANCE.encode(new ServerToInstance.Assigned("-", "-", 1, false)));
        } catch (ProtocolViolation e) {
            throw new IllegalStateException("the codec cannot read what it writes", e);
        }
    }

    private static void handshake(ClientLink link) throws IOException, ProtocolViolation {
        link.write(Codec.INSTANCE_TO_SERVER.encode(
                new InstanceToServer.Hello(IpcProtocol.NAME, IpcProtocol.VERSION)));
        Frame frame = link.read();
        if (frame == null) {
            throw link.closed("was closed by the server during the handshake");
        }
        switch (Codec.SERVER_TO_INSTANCE.decode(frame)) {
            case ServerToInstance.Welcome welcome when welcome.version() == IpcProtocol.VERSION -> { }
            case ServerToInstance.Welcome welcome ->
                    throw new ProtocolViolation("the server welcomed version " + welcome.version());
            case ServerToInstance.Refused refused -> throw link.closed("was refused: " + refused.reason());
            case ServerToInstance.Assigned _, ServerToInstance.Shutdown _, ServerToInstance.Ack _,
                 ServerToInstance.TaskCreated _, ServerToInstance.CancelTask _, ServerToInstance.ClaimRequired _,
                 ServerToInstance.DriveList _ ->
                    throw new ProtocolViolation("the server answered Hello without a Welcome");
        }
    }

    @Override
    public ServerToInstance request(InstanceToServer message) {
        Objects.requireNonNull(message, "message");
        if (message instanceof InstanceToServer.Hello) {
            throw new IllegalArgumentException("Hello is sent by connectAsInstance, once");
        }
        Frame frame = Codec.INSTANCE_TO_SERVER.encode(message);
        requestLock.lock();
        try {
            CompletableFuture<ServerToInstance> reply = new CompletableFuture<>();
            pending = reply; // published before the closed check; finish() reads it after completing closed
            if (closed.isDone()) {
                throw again(closed.join());
            }
            try {
                link.write(frame);
            } catch (IOException e) {
                finish(link.closed("failed while sending " + message.getClass().getSimpleName(), e));
            }
            return reply.join();
        } catch (CompletionException e) {
            throw again((IpcClosed) e.getCause());
        } finally {
            pending = null;
            requestLock.unlock();
        }
    }

    @Override
    public CompletionStage<IpcClosed> closed() {
        return closed.minimalCompletionStage();
    }

    @Override
    public void close() {
        finish(link.closed("was closed by this process"));
    }

    private void readLoop() {
        try {
            for (Frame frame = link.read(); frame != null; frame = link.read()) {
                deliver(Codec.SERVER_TO_INSTANCE.decode(frame));
            }
            finish(link.closed("was closed by the server"));
        } catch (ProtocolViolation e) {
            LOG.warning(() -> "IPC: the server broke the protocol, closing: " + e.getMessage());
            finish(link.closed("was closed because the server broke the protocol: " + e.getMessage(), e));
        } catch (IOException e) {
            finish(link.closed("failed: " + e, e));
        }
    }

    private void deliver(ServerToInstance message) throws ProtocolViolation {
        if (message instanceof ServerToInstance.Welcome) {
            throw new ProtocolViolation("Welcome after the handshake");
        }
        if (Unsolicited.isPush(message)) {
            pushes.execute(() -> notifyListener(message));
            return;
        }
        CompletableFuture<ServerToInstance> waiting = pending;
        if (waiting == null || !waiting.complete(message)) {
            throw new ProtocolViolation(message.getClass().getSimpleName() + " arrived without a request");
        }
    }

    private void notifyListener(ServerToInstance message) {
        try {
            pushListener.accept(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "IPC push listener failed on " + message, e);
        }
    }

    /** The first reason wins; a waiting request fails with it; pushes already received are still delivered. */
    private void finish(IpcClosed reason) {
        if (!closed.complete(reason)) {
            return;
        }
        link.close();
        CompletableFuture<ServerToInstance> waiting = pending;
        if (waiting != null) {
            waiting.completeExceptionally(reason);
        }
        pushes.shutdown();
    }

    /** A fresh exception, so the caller's stack shows where it called, with the original as the cause. */
    private static IpcClosed again(IpcClosed reason) {
        return new IpcClosed(reason.getMessage(), reason);
    }
}
