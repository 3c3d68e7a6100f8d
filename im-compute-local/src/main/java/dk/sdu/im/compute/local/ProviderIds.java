package dk.sdu.im.compute.local;

import dk.sdu.im.compute.backend.ComputeRefusal;
import java.util.regex.Pattern;

/** The backend's job ids: {@code local-} and UCloud's job id, letters, digits and '-' only. */
final class ProviderIds {
    private static final String PREFIX = "local-";
    private static final Pattern UCLOUD_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private ProviderIds() {}

    /** The id of UCloud's job {@code ucloudJobId}; refused (as the request's fault) for another alphabet. */
    static String of(String ucloudJobId) throws ComputeRefusal {
        if (!UCLOUD_ID.matcher(ucloudJobId).matches()) {
            throw new ComputeRefusal("The job id '" + ucloudJobId + "' cannot be run locally: it must be 1 to 64"
                    + " letters, digits or '-'.", true);
        }
        return PREFIX + ucloudJobId;
    }

    /** {@code providerJobId} itself, refused (as the request's fault) unless {@link #of} could have made it. */
    static String checked(String providerJobId) throws ComputeRefusal {
        if (!providerJobId.startsWith(PREFIX)
                || !UCLOUD_ID.matcher(providerJobId.substring(PREFIX.length())).matches()) {
            throw new ComputeRefusal("'" + providerJobId + "' is not a job id of the local backend (local-<job id>).",
                    true);
        }
        return providerJobId;
    }
}
