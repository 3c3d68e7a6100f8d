package dk.sdu.im.config;

import java.util.Optional;

/**
 * Where a compute category's jobs run on Slurm (keys of a compute category): the partition, and optionally
 * the QoS, a node constraint and the generic resource name its GPUs are requested as. All absent means
 * Slurm's defaults for the user (and no GPUs requested by name).
 *
 * @param partition {@code partition}: a partition Slurm knows (checked at start-up against {@code sinfo})
 * @param qos {@code qos}
 * @param constraint {@code constraint}: a node feature expression, passed as {@code --constraint}
 * @param gpuGres {@code gpuGres}: the gres name GPUs are requested as, e.g. {@code gpu} or {@code gpu:a100};
 *     default {@code gpu}
 */
public record Placement(Optional<String> partition, Optional<String> qos, Optional<String> constraint, String gpuGres) {
    static final java.util.List<String> KEYS = java.util.List.of("partition", "qos", "constraint", "gpuGres");
    public static final Placement DEFAULTS = new Placement(Optional.empty(), Optional.empty(), Optional.empty(), "gpu");
    private static final java.util.regex.Pattern SLURM_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final java.util.regex.Pattern CONSTRAINT = java.util.regex.Pattern.compile("[A-Za-z0-9_.:|&*\\[\\]-]{1,256}");

    public Placement {
        java.util.Objects.requireNonNull(partition, "partition");
        java.util.Objects.requireNonNull(qos, "qos");
        java.util.Objects.requireNonNull(constraint, "constraint");
        java.util.Objects.requireNonNull(gpuGres, "gpuGres");
    }

    static Placement read(YamlSection category) throws ConfigException {
        return new Placement(category.optionalValue("partition", slurmName("a partition name")),
                category.optionalValue("qos", slurmName("a QoS name")),
                category.optionalValue("constraint", text -> {
                    if (!CONSTRAINT.matcher(text).matches()) {
                        throw new InvalidValue("must be a Slurm constraint of letters, digits and _ . : | & * [ ] -",
                                "Write it as for sbatch --constraint, e.g. 'avx512&ib'.");
                    }
                    return text;
                }),
                category.optionalValue("gpuGres", slurmName("a gres name")).orElse("gpu"));
    }

    private static ValueParser<String> slurmName(String what) {
        return text -> {
            if (!SLURM_NAME.matcher(text).matches()) {
                throw new InvalidValue("must be " + what + " of 1 to 64 letters, digits, '_', '.', ':' or '-'",
                        "Use the name as Slurm spells it (sinfo and sacctmgr show them).");
            }
            return text;
        };
    }
}
