package dk.sdu.im.compute.slurm;

import dk.sdu.im.compute.backend.ComputeRefusal;

/**
 * The only job ids passed to a Slurm tool: 1 to 10 decimal digits (Slurm's ids are 32-bit). Nothing else can
 * reach a tool's argv as an id, so an id can never be read as an option or a list of other jobs.
 */
final class JobIds {
    private static final int MAX_DIGITS = 10;

    private JobIds() {}

    static boolean valid(String id) {
        if (id.isEmpty() || id.length() > MAX_DIGITS) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code id} itself if it is a Slurm job id; refused as the request's fault otherwise. */
    static String checked(String id) throws ComputeRefusal {
        if (!valid(id)) {
            throw new ComputeRefusal("'" + printable(id) + "' is not a Slurm job id (1 to " + MAX_DIGITS + " digits)", true);
        }
        return id;
    }

    /** The id for a message: control characters shown as '?', at most 40 characters. */
    private static String printable(String id) {
        String shown = id.length() > 40 ? id.substring(0, 40) + "..." : id;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
