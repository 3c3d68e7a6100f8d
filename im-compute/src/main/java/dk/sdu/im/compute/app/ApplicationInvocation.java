package dk.sdu.im.compute.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code application.invocation}: the command line ({@code invocation}), the declared parameters, the
 * environment to export and the application's own sbatch directives. The maps keep the order Core wrote.
 *
 * @param tool        the tool, whose description may carry native load instructions
 * @param invocation  the command line, one parameter after another
 * @param parameters  what the user may (or must) supply
 * @param environment variable name to the value to export, built like the invocation
 * @param sbatch      directive name (without {@code --}) to its value, built like the invocation
 */
public record ApplicationInvocation(
        ToolReference tool,
        List<InvocationParameter> invocation,
        List<ApplicationParameter> parameters,
        Map<String, InvocationParameter> environment,
        Map<String, InvocationParameter> sbatch) {

    public ApplicationInvocation {
        invocation = invocation == null ? List.of() : List.copyOf(invocation);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        environment = ordered(environment);
        sbatch = ordered(sbatch);
    }

    /** The tool's load instructions, if the application names any. */
    public Optional<LoadInstructions> loadInstructions() {
        return Optional.ofNullable(tool)
                .map(ToolReference::tool)
                .map(ToolReference.Tool::description)
                .map(ToolReference.Description::loadInstructions);
    }

    private static Map<String, InvocationParameter> ordered(Map<String, InvocationParameter> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
