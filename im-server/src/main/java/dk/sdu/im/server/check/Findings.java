package dk.sdu.im.server.check;

import java.util.ArrayList;
import java.util.List;

/**
 * What one check run found: problems (each stops the module from serving someone, and makes the check fail) and
 * notes (what was not checked, and why). Each is one line for the administrator. Used by one run, on one thread.
 */
final class Findings {
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void problem(String problem) {
        problems.add(problem);
    }

    void note(String note) {
        notes.add(note);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}
