package dk.sdu.im.api.log;

import java.util.logging.Level;
import java.util.logging.Logger;

/** A process that logs from a shutdown hook, as IM/Server does when it stops; run by {@link ExitSafeLogManagerTest}. */
public final class ExitLogMain {
    static {
        LogOutput.keepOpenUntilExit();
    }
    private static final Logger LOG = Logger.getLogger(ExitLogMain.class.getName());

    private ExitLogMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LogOutput.install(LogOutput.Format.TEXT, Level.INFO, "exit-test");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(300); // the JDK's own hook has long run by now
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.info("stopped cleanly");
        }));
        LOG.info("running");
        System.exit(0);
    }
}
