/**
 * Facts about the running process that each composition root checks before it does anything else,
 * such as "not root" (DESIGN 4.1). Reads kernel facts through FFM; changes nothing.
 */
package dk.sdu.im.api.host;
