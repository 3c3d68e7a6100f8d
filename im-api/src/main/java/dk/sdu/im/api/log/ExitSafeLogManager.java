package dk.sdu.im.api.log;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager, except that the JDK's own shutdown hook does not remove the handlers: by default that
 * hook resets logging while the process's other shutdown hooks still run, so whatever they log about stopping (IM/Server
 * stopping its instances, saying it stopped) is silently dropped. Here the log stays open until the process ends;
 * {@link LineHandler} writes each line at once, so nothing is left unflushed.
 *
 * <p>Selected by the system property {@code java.util.logging.manager}, which {@link LogOutput#keepOpenUntilExit()}
 * sets (not a method of this class: calling one would initialize LogManager, its superclass, first); it must run
 * before anything touches java.util.logging, so each main class calls it from its first static initializer.
 */
public final class ExitSafeLogManager extends LogManager {
    /** The JDK's shutdown hook is this nested class of LogManager. */
    private static final String JDK_CLEANER = LogManager.class.getName() + "$Cleaner";

    public ExitSafeLogManager() {
    }

    @Override
    public void reset() {
        if (!Thread.currentThread().getClass().getName().equals(JDK_CLEANER)) {
            super.reset();
        }
    }
}
