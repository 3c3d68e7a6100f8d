package dk.sdu.im.compute.script;

import dk.sdu.im.compute.app.LoadInstructions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The site's lines that load each native application the tool names, in the tool's order. The lines are
 * site configuration and written verbatim; an application the site does not offer is an error naming it.
 */
final class ModuleLoads {
    private ModuleLoads() {
    }

    static List<String> lines(Optional<LoadInstructions> instructions, Map<String, List<String>> site) {
        if (instructions.isEmpty()) {
            return List.of();
        }
        LoadInstructions load = instructions.get();
        if (!LoadInstructions.NATIVE.equals(load.type())) {
            throw new ScriptException("load instructions of type '" + load.type() + "' are not supported");
        }
        List<String> lines = new ArrayList<>();
        for (LoadInstructions.NativeApplication app : load.applications()) {
            List<String> appLines = site.get(app.key());
            if (appLines == null) {
                throw new ScriptException("application " + app.key() + " is not offered by this site");
            }
            lines.addAll(appLines);
        }
        return lines;
    }
}
