package dk.sdu.im.gateway;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.channels.SocketChannel;

/**
 * The two things a {@link SpliceCopy} needs from the JDK that no public API gives: the descriptor number of a
 * {@link SocketChannel}, and a wait for a descriptor to become readable or writable that parks a virtual thread
 * instead of blocking its carrier. Both come from {@code sun.nio.ch.SelChImpl}, which every socket channel
 * implements and which the JDK exports only on request ({@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}, in
 * every launch of IM/Server); {@link #link} fails without it, and the gateway then copies through user space.
 *
 * <p>The wait is the JDK's own (its {@code park} method, which registers the descriptor with the poller that
 * serves the channels' blocking reads on virtual threads), run for a descriptor the copy owns: a
 * {@code SelChImpl} stand-in that answers only with that number. So the poller only ever sees numbers that stay
 * valid while the copy waits, never a channel's descriptor that another thread could close and the kernel hand
 * to a new socket meanwhile. Thread-safe and immutable.
 */
final class ChannelDescriptors {
    private final Class<?> selectable;
    private final MethodHandle descriptor;
    private final MethodHandle park;
    private final int readable;
    private final int writable;

    private ChannelDescriptors(Class<?> selectable, MethodHandle descriptor, MethodHandle park, int readable,
            int writable) {
        this.selectable = selectable;
        this.descriptor = descriptor;
        this.park = park;
        this.readable = readable;
        this.writable = writable;
    }

    /**
     * Looks the internals up and proves they answer, on a channel opened and closed for the purpose.
     *
     * @throws ReflectiveOperationException if they are missing or not exported to this code (the reason the
     *     gateway logs)
     */
    static ChannelDescriptors link() throws ReflectiveOperationException {
        Class<?> selectable = Class.forName("sun.nio.ch.SelChImpl");
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandle descriptor = lookup.findVirtual(selectable, "getFDVal", MethodType.methodType(int.class));
        MethodHandle park = lookup.findVirtual(selectable, "park",
                MethodType.methodType(void.class, int.class, long.class));
        Class<?> net = Class.forName("sun.nio.ch.Net");
        int readable = net.getField("POLLIN").getShort(null);
        int writable = net.getField("POLLOUT").getShort(null);
        var descriptors = new ChannelDescriptors(selectable, descriptor, park, readable, writable);
        try (SocketChannel probe = SocketChannel.open()) {
            if (descriptors.of(probe) < 0) {
                throw new ReflectiveOperationException("a socket channel has no descriptor");
            }
        } catch (IOException e) {
            throw new ReflectiveOperationException("could not open a socket channel to probe", e);
        }
        return descriptors;
    }

    /** The descriptor number {@code channel} holds now; valid only while no one closes the channel. */
    int of(SocketChannel channel) {
        try {
            return (int) descriptor.invoke(channel);
        } catch (Throwable e) {
            throw new IllegalStateException("the descriptor of " + channel + " could not be read", e);
        }
    }

    /** A wait on {@code fd}, which the caller owns and keeps open for as long as it uses the wait. */
    Waiter waiter(int fd) {
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "getFDVal" -> fd;
            case "isOpen" -> true;
            case "park" -> InvocationHandler.invokeDefault(proxy, method, args);
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "descriptor " + fd;
            default -> throw new UnsupportedOperationException(method.getName());
        };
        Object channel = Proxy.newProxyInstance(ChannelDescriptors.class.getClassLoader(), new Class<?>[] {selectable},
                handler);
        return new Waiter(channel);
    }

    /** Parks the current thread until one descriptor is readable or writable (or the thread is interrupted). */
    final class Waiter {
        private final Object channel;

        private Waiter(Object channel) {
            this.channel = channel;
        }

        /** Returns when the descriptor is readable, has reached its end or failed, or the thread was interrupted. */
        void readable() throws IOException {
            park(ChannelDescriptors.this.readable);
        }

        /** Returns when the descriptor is writable, was shut down or failed, or the thread was interrupted. */
        void writable() throws IOException {
            park(ChannelDescriptors.this.writable);
        }

        private void park(int event) throws IOException {
            try {
                ChannelDescriptors.this.park.invoke(channel, event, 0L);
            } catch (IOException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IOException("waiting for a descriptor failed", e);
            }
        }
    }
}
