package dk.sdu.im.compute.slurm;

import java.util.List;

/** The envelope both commands share: {@code {"meta":..., "errors":[...], "jobs":[...]}}. */
final class SlurmOutput {
    private SlurmOutput() {}

    /** The {@code jobs} of {@code json}, refused if the document is malformed or Slurm reported errors. */
    static List<Fields> jobs(String json, String command) {
        Fields root = Fields.document(json, command);
        if (root.node().has("errors")) {
            List<Fields> errors = root.objects("errors");
            if (!errors.isEmpty()) {
                throw new SlurmJsonException(command + " reported " + errors.size() + " error(s): " + errors.getFirst().node());
            }
        }
        return root.objects("jobs");
    }
}
