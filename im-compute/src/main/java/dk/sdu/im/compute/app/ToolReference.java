package dk.sdu.im.compute.app;

/** {@code invocation.tool}: name, version and (when Core resolved it) the tool itself. */
public record ToolReference(String name, String version, Tool tool) {

    /** {@code invocation.tool.tool}. */
    public record Tool(Description description) {
    }

    /**
     * {@code invocation.tool.tool.description}: only the backend and the load instructions are used here.
     *
     * @param backend          {@code NATIVE}, {@code DOCKER} or {@code VIRTUAL_MACHINE}
     * @param loadInstructions the native applications to load, or null
     */
    public record Description(String backend, LoadInstructions loadInstructions) {
    }
}
