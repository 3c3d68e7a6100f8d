package dk.sdu.im.user.jobs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;

/**
 * One output file of a followed job, read as it grows: from its start, then only new bytes, one chunk of text at a
 * time, so a file of any size passes through one chunk's memory. A file not there yet is looked for again at each
 * read. One that got shorter than what was read (truncated) is read again from its start; one replaced by another
 * file under its name is read to its end, then the new one from its start. Not thread-safe; the follow's own.
 */
final class FollowedFile implements Closeable {
    private final FollowFolder folder;
    private final FollowOutput output;
    private final FollowDecoder decoder;
    private FollowFolder.Opened open;

    FollowedFile(FollowFolder folder, FollowOutput output, int chunkBytes) {
        this.folder = folder;
        this.output = output;
        this.decoder = new FollowDecoder(chunkBytes);
    }

    FollowOutput output() {
        return output;
    }

    /**
     * The text of the next chunk of new bytes; empty when there is none yet (or only part of a character).
     *
     * @throws FollowFolder.NotRegularFile if the name is, or has become, something else than a regular file
     */
    Optional<String> next() throws IOException {
        Optional<String> text = read();
        if (text.isEmpty() && dropIfReplaced()) {
            text = read();
        }
        return text;
    }

    private Optional<String> read() throws IOException {
        if (open == null) {
            open = folder.open(output.fileName()).orElse(null);
            if (open == null) {
                return Optional.empty();
            }
        }
        SeekableByteChannel channel = open.channel();
        if (channel.size() < channel.position()) {
            channel.position(0);
            decoder.reset();
        }
        if (decoder.readFrom(channel) <= 0) {
            return Optional.empty();
        }
        String text = decoder.text();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** What is kept of an incomplete last character, as text, for when the job is over; empty if nothing is kept. */
    Optional<String> rest() {
        String rest = decoder.rest();
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    }

    /** Once the open file is read to its end: whether another file has its name now, to be read from its start. */
    private boolean dropIfReplaced() throws IOException {
        if (open == null) {
            return false;
        }
        Optional<Object> now = folder.identity(output.fileName());
        if (now.isEmpty() || now.get().equals(open.identity())) {
            return false;
        }
        close();
        decoder.reset();
        return true;
    }

    @Override
    public void close() throws IOException {
        if (open != null) {
            FollowFolder.Opened closing = open;
            open = null;
            closing.channel().close();
        }
    }
}
