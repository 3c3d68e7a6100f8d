package dk.sdu.im.api.rpc;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Whether a user call must carry the {@code ucloudUser} claim (DESIGN 4.4, contract decision 1). Today's Core names
 * the user in the {@code ucloud-username} header only; a claim in the signed token stops a token of one user, or a
 * system call's token, from being replayed to another user's instance.
 *
 * <ul>
 *   <li>{@link #required()}: always.
 *   <li>{@link #header()}: never.
 *   <li>{@link #auto}: not until a verified token with the claim has been seen once, here or (told through
 *       {@link #learn}) by another process of the installation; from then on always. The switch happens once.
 * </ul>
 *
 * <p>Thread-safe. Listeners registered with {@link #onSwitch} hear of a switch this process saw itself
 * ({@link #sighted}), with the token that proved it, so that they can record and spread it; a switch learnt from
 * elsewhere is not echoed.
 */
public final class UserClaimRule {
    private static final Logger LOG = Logger.getLogger(UserClaimRule.class.getName());

    private final boolean switches;
    private final AtomicBoolean required;
    private final String process;
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    private UserClaimRule(boolean switches, boolean required, String process) {
        this.switches = switches;
        this.required = new AtomicBoolean(required);
        this.process = process;
    }

    public static UserClaimRule required() {
        return new UserClaimRule(false, true, "");
    }

    public static UserClaimRule header() {
        return new UserClaimRule(false, false, "");
    }

    /**
     * @param seen whether the claim was already seen (IM/Server's record, or an instance's assignment)
     * @param process names this process in the switch's log line, e.g. {@code "IM/Server"}
     */
    public static UserClaimRule auto(boolean seen, String process) {
        return new UserClaimRule(true, seen, process);
    }

    /** Whether a user call without the claim is refused now. */
    public boolean claimRequired() {
        return required.get();
    }

    /** Tells {@code listener} the raw token of the call that switched this rule, on the thread that saw it. */
    public void onSwitch(Consumer<String> listener) {
        listeners.add(listener);
    }

    /**
     * The caller verified {@code rawToken} and it carries the claim: an {@code auto} rule switches now, and tells its
     * listeners.
     */
    public void sighted(String rawToken) {
        if (switchNow()) {
            LOG.info(() -> process + ": a user call carried the ucloudUser claim; from now on user calls whose token does"
                    + " not name their user are refused (core.userContext: auto)");
            listeners.forEach(listener -> listener.accept(rawToken));
        }
    }

    /**
     * Another process of this installation proved the claim was seen: an {@code auto} rule switches now, silently (the
     * caller knows what to say).
     *
     * @return whether this call switched it
     */
    public boolean learn() {
        return switchNow();
    }

    private boolean switchNow() {
        return switches && required.compareAndSet(false, true);
    }

    @Override
    public String toString() {
        return switches ? (required.get() ? "auto, claim seen: required" : "auto, claim not seen yet: header")
                : (required.get() ? "required" : "header");
    }
}
