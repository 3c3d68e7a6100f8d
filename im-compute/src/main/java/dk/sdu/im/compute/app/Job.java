package dk.sdu.im.compute.app;

import java.util.Map;
import java.util.Objects;

/**
 * The slice of Core's Job (contract 5.4) a batch script is made from.
 *
 * @param id            Core's job id, a numeric string
 * @param specification what the user asked for, including the parameter values
 * @param status        what Core resolved, including the complete application
 */
public record Job(String id, Specification specification, Status status) {
    public Job {
        Objects.requireNonNull(id, "job.id");
        Objects.requireNonNull(specification, "job.specification");
        Objects.requireNonNull(status, "job.status");
    }

    /** The application as Core resolved it (never null once parsed). */
    public Application application() {
        return status.resolvedApplication();
    }

    /** The user's values by parameter name; Core may inject names the application does not declare. */
    public Map<String, AppParameterValue> parameterValues() {
        return specification.parameters();
    }

    /** {@code job.specification}: only the parameter values are used here. */
    public record Specification(Map<String, AppParameterValue> parameters) {
        public Specification {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }

    /** {@code job.status}: only the resolved application is used here. */
    public record Status(Application resolvedApplication) {
        public Status {
            Objects.requireNonNull(resolvedApplication, "job.status.resolvedApplication");
        }
    }
}
