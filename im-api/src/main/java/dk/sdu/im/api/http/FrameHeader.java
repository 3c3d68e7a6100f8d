package dk.sdu.im.api.http;

/**
 * The header of one frame from the client, already checked: no reserved bit set, a known opcode, masked, and
 * for control frames final with at most 125 payload bytes.
 *
 * @param length the payload length, 0 to 2^63-1
 */
record FrameHeader(boolean fin, Opcode opcode, long length, Mask mask) {
}
