package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import java.io.IOException;

/**
 * What a move or copy will do, decided before any change from the source, the destination and the policy, so
 * that refusals (400, 409) answer the call at once. Places are compared by where the walk found them
 * ({@link Slot#lexical}: the walk follows no links, so that is where they are, unless the user renames folders
 * meanwhile, which can at worst make a move fail or a copy copy its own partial copy, inside the drive).
 *
 * <ul>
 *   <li>A folder into itself or its own subtree: 400, for move and copy alike.
 *   <li>Destination free: PLACE there.
 *   <li>REJECT: 409 "A file already exists at ...", also when the destination is the source itself.
 *   <li>RENAME: PLACE at the first free name. A copy onto itself so makes a duplicate ({@code a(1).txt}); a move
 *       onto itself changes nothing.
 *   <li>REPLACE: the entry there gives way, unless it is the source itself (nothing to do) or contains it (400:
 *       replacing it would delete the source).
 *   <li>MERGE_RENAME: a folder onto a folder (not a link to one) is merged, unless one contains the other (400)
 *       or they are the same (nothing to do); anything else is RENAME.
 * </ul>
 */
record Plan(Action action, Slot target) {
    enum Action { PLACE, REPLACE, MERGE, NOTHING }

    static Plan of(String verb, Slot source, Kind kind, Slot target, ConflictPolicy policy) throws IOException {
        boolean folder = kind == Kind.DIRECTORY;
        boolean same = target.lexical().equals(source.lexical());
        boolean move = verb.equals("move");
        if (folder && !same && target.lexical().startsWith(source.lexical())) {
            throw ApiException.badRequest("Cannot " + verb + " the folder " + source.path() + " into itself ("
                    + target.path() + " is inside it)");
        }
        Kind existing = Kind.of(target);
        if (!existing.exists()) {
            return new Plan(Action.PLACE, target);
        }
        return switch (policy) {
            case REJECT -> throw ApiException.of(409, "A file already exists at " + target.path(), null);
            case RENAME -> same && move ? nothing(target) : new Plan(Action.PLACE, ConflictNames.free(target, folder));
            case REPLACE -> same ? nothing(target) : new Plan(Action.REPLACE, outside(target, source, verb));
            case MERGE_RENAME -> {
                if (folder && existing == Kind.DIRECTORY) {
                    yield same ? nothing(target) : new Plan(Action.MERGE, outside(target, source, verb));
                }
                yield same && move ? nothing(target) : new Plan(Action.PLACE, ConflictNames.free(target, folder));
            }
        };
    }

    private static Plan nothing(Slot target) {
        return new Plan(Action.NOTHING, target);
    }

    /** {@code target}, which must not contain the source (replacing or merging into it would touch the source). */
    private static Slot outside(Slot target, Slot source, String verb) {
        if (source.lexical().startsWith(target.lexical())) {
            throw ApiException.badRequest("Cannot " + verb + " " + source.path() + " onto " + target.path()
                    + ", which contains it");
        }
        return target;
    }
}
