package dk.sdu.im.db;

/**
 * {@link UserMappings#establish} was asked for a mapping that contradicts one already stored. Nothing was
 * changed: a mapping between a UCloud user and a local uid never changes silently, an operator (or the code
 * acting for one) must remove the old mapping explicitly first.
 */
public final class MappingConflict extends Exception {
    private final UserMapping existing;

    MappingConflict(UserMapping existing, String requested) {
        super("Cannot map " + requested + ": it conflicts with the existing mapping " + describe(existing)
                + ". Mappings never change silently: remove the existing mapping explicitly first.");
        this.existing = existing;
    }

    /** The stored mapping that blocked the request. */
    public UserMapping existing() {
        return existing;
    }

    static String describe(UserMapping mapping) {
        return describe(mapping.ucloudUsername(), mapping.localUsername(), mapping.uid());
    }

    static String describe(String ucloudUsername, String localUsername, int uid) {
        return "UCloud user '" + ucloudUsername + "' -> local user '" + localUsername + "' (uid " + uid + ")";
    }
}
