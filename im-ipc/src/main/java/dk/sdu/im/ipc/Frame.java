package dk.sdu.im.ipc;

/**
 * One frame as it travels: a message tag and its payload (the JSON of the message record). The payload
 * length is bounded by {@link IpcProtocol#MAX_PAYLOAD_BYTES}; {@link Framing} enforces it on both sides.
 */
record Frame(int tag, byte[] payload) {
}
