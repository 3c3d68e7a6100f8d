package dk.sdu.im.compute.script;

import com.hubspot.jinjava.el.JinjavaNodePreProcessor;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.Node;
import java.util.Optional;

/**
 * Counts the steps of one rendering, and watches its clock: the engine calls it before every node it
 * renders, and every {@code for} loop charges its iterations up front ({@link SandboxTags}), so an empty
 * loop body costs too. Once a limit is passed every further step fails, so no loop or macro can swallow
 * the failure and go on. One budget serves one rendering, on one thread.
 */
final class RenderBudget extends JinjavaNodePreProcessor {
    private final TemplateLimits limits;
    private final long deadline;
    private long steps;
    private String exceeded;

    RenderBudget(TemplateLimits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.maxTime().toNanos();
    }

    @Override
    public void accept(Node node, JinjavaInterpreter interpreter) {
        super.accept(node, interpreter);
        spend(1, node);
    }

    /** Spends {@code steps} steps at {@code node}; throws once over a limit. */
    void spend(long steps, Node node) {
        if (exceeded == null) {
            exceeded = check(steps);
        }
        if (exceeded != null) {
            throw new InterpretException(exceeded, node.getLineNumber(), node.getStartPosition());
        }
    }

    /** What was exceeded ("takes more than ... to render"), if anything. */
    Optional<String> exceeded() {
        return Optional.ofNullable(exceeded);
    }

    private String check(long more) {
        steps += more;
        if (steps > limits.maxSteps()) {
            return "takes more than " + limits.maxSteps() + " steps to render";
        }
        if (System.nanoTime() - deadline > 0) {
            return "takes longer than " + limits.maxTime().toMillis() + " ms to render";
        }
        return null;
    }
}
