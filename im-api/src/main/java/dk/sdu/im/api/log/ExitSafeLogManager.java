package dk.sdu.im.api.log;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager, except that the JDK's own shutdown hook does not remove the handlers: by default that
 * hook resets logging while the process's other shutdown hooks still run, so whatever they log about stopping (IM/Server
 * stopping its instances, saying it stopped) is silently dropped. Here the log stays open until the process ends;
 * {@link LineHandler} writes each line at once, so nothing is left unflushed.
 *
 * <p>Selected by the system property {@code java.util.logging.manager}, which {@link #select()} sets; it must run
 * before anything touches java.util.logging, so each main class calls it from its first static initializer.
 */
public final class ExitSafeLogManager extends LogManager {
    /** The JDK's shutdown hook is this nested class of LogManager. */
    private static final String JDK_CLEANER = LogManager.class.getName() + "$Cleaner";

    public ExitSafeLogManager() {
    }

    /** Makes this the manager, unless java.util.logging was used already (then the JDK's stays; nothing breaks). */
    public static void select() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ExitSafeLogManager.class.getName());
        }
    }

    @Override
    public void reset() {
        if (!Thread.currentThread().getClass().getName().equals(JDK_CLEANER)) {
            super.reset();
        }
    }
}
