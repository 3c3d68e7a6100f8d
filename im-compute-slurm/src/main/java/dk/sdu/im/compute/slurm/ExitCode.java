package dk.sdu.im.compute.slurm;

import java.util.Optional;

/**
 * How a job's script ended, from sacct's {@code exit_code}: a return code, a signal, or not known (still
 * running, or Slurm recorded neither).
 */
public sealed interface ExitCode {
    /** The script exited with {@code code} (0 is success). */
    record Exited(int code) implements ExitCode {}

    /** The script was killed by signal {@code id}; {@code name} is Slurm's description, e.g. "Killed". */
    record Signaled(int id, Optional<String> name) implements ExitCode {}

    /** Slurm gave no return code and no signal. */
    record Unknown() implements ExitCode {}

    /** Reads {@code {"status":..., "return_code":N, "signal":{"signal_id":N,"name":...}}}. */
    static ExitCode from(Fields exit) {
        Optional<Fields> signal = exit.optionalObject("signal");
        if (signal.isPresent() && signal.get().optionalInteger("signal_id").isPresent()) {
            return new Signaled(signal.get().smallInteger("signal_id"), signal.get().optionalText("name"));
        }
        if (exit.optionalInteger("return_code").isPresent()) {
            return new Exited(exit.smallInteger("return_code"));
        }
        return new Unknown();
    }
}
