package dk.sdu.im.compute.local;

import java.util.List;
import java.util.Optional;

/** The two signals this backend sends, and the names of Linux's standard signals for status texts. */
enum Signal {
    TERM(15), KILL(9);

    /** Linux's numbering, the same on x86-64 and arm64; index 0 is no signal. */
    private static final List<String> NAMES = List.of("", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP",
            "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
            "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS");

    final int number;

    Signal(int number) {
        this.number = number;
    }

    /** The name of standard signal {@code number}, e.g. {@code SIGKILL}; empty for real-time and unknown ones. */
    static Optional<String> nameOf(int number) {
        return number > 0 && number < NAMES.size() ? Optional.of(NAMES.get(number)) : Optional.empty();
    }
}
