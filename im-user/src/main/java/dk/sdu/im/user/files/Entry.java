package dk.sdu.im.user.files;

/**
 * One folder entry as the page selection sees it: its name and its sort key (the size or the modification
 * time in epoch millis; 0 when sorting by name). Nothing else is kept until the entry makes it onto the page.
 */
record Entry(String name, long key) {
}
