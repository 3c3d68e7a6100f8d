package dk.sdu.im.user.files;

import dk.sdu.im.api.wire.Files;

/**
 * The name filters of FileFlags: {@code filterHiddenFiles} drops names starting with ".", and
 * {@code filterByFileExtension} keeps only names ending with the given text (folders included: the filter
 * looks at names only, so a listing never has to stat an entry it does not show).
 */
record NameFilter(boolean hideHidden, String extension) {
    static NameFilter of(Files.FileFlags flags) {
        if (flags == null) {
            return new NameFilter(false, "");
        }
        String extension = flags.filterByFileExtension() == null ? "" : flags.filterByFileExtension();
        return new NameFilter(Boolean.TRUE.equals(flags.filterHiddenFiles()), extension);
    }

    boolean keeps(String name) {
        return !(hideHidden && name.startsWith(".")) && name.endsWith(extension);
    }
}
