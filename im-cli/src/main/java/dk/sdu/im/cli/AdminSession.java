package dk.sdu.im.cli;

import dk.sdu.im.ipc.AdminConnection;
import dk.sdu.im.ipc.AdminToServer;
import dk.sdu.im.ipc.IpcClient;
import dk.sdu.im.ipc.IpcClosed;
import dk.sdu.im.ipc.ServerToAdmin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One admin connection to IM/Server, with the CLI's meaning of each failure: unreachable (69), refused (77), not
 * found (1), an unexpected reply (70). Lists are fetched page by page until IM/Server says there is no more.
 */
final class AdminSession implements AutoCloseable {
    private final Path socket;
    private final AdminConnection connection;

    private AdminSession(Path socket, AdminConnection connection) {
        this.socket = socket;
        this.connection = connection;
    }

    static AdminSession open(Path socket) {
        try {
            return new AdminSession(socket, IpcClient.connectAsAdmin(socket));
        } catch (IOException e) {
            throw new CliFailure(CliFailure.UNAVAILABLE, "cannot reach IM/Server at " + socket + ": " + e.getMessage()
                    + " (is it running?)");
        } catch (IpcClosed e) {
            throw closed(socket, e);
        }
    }

    /** Sends one request; a Refused or NotFound reply ends the command with its exit code. */
    ServerToAdmin ask(AdminToServer request) {
        ServerToAdmin reply;
        try {
            reply = connection.request(request);
        } catch (IpcClosed e) {
            throw closed(socket, e);
        }
        return switch (reply) {
            case ServerToAdmin.Refused refused -> throw new CliFailure(CliFailure.REFUSED, "IM/Server refused: " + refused.reason());
            case ServerToAdmin.NotFound notFound -> throw new CliFailure(CliFailure.NOT_FOUND, notFound.what());
            default -> reply;
        };
    }

    /** The reply, which must be of {@code type}. */
    <R extends ServerToAdmin> R ask(AdminToServer request, Class<R> type) {
        ServerToAdmin reply = ask(request);
        if (!type.isInstance(reply)) {
            throw new CliFailure(CliFailure.SOFTWARE, "unexpected reply from IM/Server to "
                    + request.getClass().getSimpleName() + ": " + reply.getClass().getSimpleName());
        }
        return type.cast(reply);
    }

    /**
     * Every entry of a paged list: asks for the page after the last key received until IM/Server says no more.
     *
     * @param page the reply's entries and its {@code more} flag
     */
    <R extends ServerToAdmin, T> List<T> all(Function<String, AdminToServer> request, Class<R> type,
                                             Function<R, Page<T>> page, Function<T, String> key) {
        List<T> entries = new ArrayList<>();
        String after = "";
        while (true) {
            Page<T> next = page.apply(ask(request.apply(after), type));
            entries.addAll(next.entries());
            if (!next.more()) {
                return entries;
            }
            if (next.entries().isEmpty()) {
                throw new CliFailure(CliFailure.SOFTWARE, "IM/Server sent an empty page with more to come");
            }
            after = key.apply(next.entries().getLast());
        }
    }

    record Page<T>(List<T> entries, boolean more) {
    }

    private static CliFailure closed(Path socket, IpcClosed e) {
        if (e.refused()) {
            return new CliFailure(CliFailure.REFUSED, "IM/Server refused this command: " + e.getMessage().replaceFirst(".* was refused: ", "")
                    + " (the admin commands are for root and members of server.adminGroup)");
        }
        return new CliFailure(CliFailure.UNAVAILABLE, "lost IM/Server at " + socket + ": " + e.getMessage());
    }

    @Override
    public void close() {
        connection.close();
    }
}
