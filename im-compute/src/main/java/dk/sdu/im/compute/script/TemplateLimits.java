package dk.sdu.im.compute.script;

import java.time.Duration;

/**
 * What rendering one template may use. Every limit is a hard stop that fails the script, never a
 * truncation: a script that cannot be rendered in full is not written at all.
 *
 * @param maxOutputChars the rendered text, and any string built on the way
 * @param maxSteps       template nodes rendered (a loop body counts once per iteration)
 * @param maxTime        wall-clock time, checked at every node
 * @param maxRange       the length of a {@code range(...)}, and of any list or map built
 * @param maxMacroDepth  how deeply macros may call themselves
 */
record TemplateLimits(int maxOutputChars, int maxSteps, Duration maxTime, int maxRange, int maxMacroDepth) {
    /** The limits the batch script builder renders with. */
    static final TemplateLimits DEFAULT = new TemplateLimits(1 << 20, 200_000, Duration.ofSeconds(2), 10_000, 20);
}
