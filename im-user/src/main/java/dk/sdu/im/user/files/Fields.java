package dk.sdu.im.user.files;

import dk.sdu.im.api.wire.Files;

/**
 * Which optional parts of a ProviderFile to fill in. A flag that is null counts as true: UCloud's UI always
 * asks for sizes, timestamps and unix info, and a caller that says nothing gets the full file. Only an
 * explicit false leaves a part out.
 */
record Fields(boolean sizes, boolean timestamps, boolean unixInfo) {
    static Fields of(Files.FileFlags flags) {
        if (flags == null) {
            return new Fields(true, true, true);
        }
        return new Fields(!Boolean.FALSE.equals(flags.includeSizes()), !Boolean.FALSE.equals(flags.includeTimestamps()),
                !Boolean.FALSE.equals(flags.includeUnixInfo()));
    }
}
