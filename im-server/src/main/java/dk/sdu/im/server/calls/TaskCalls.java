package dk.sdu.im.server.calls;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.rpc.Call;
import dk.sdu.im.api.rpc.Reply;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Background tasks (contract 3.6): Core relays a user's request to cancel one of the tasks IM/Server created for
 * their instance. Only cancelling is offered (tasks are created with {@code canPause:false}); the instance that
 * owns the task is told and stops between files, then completes the task itself.
 */
public final class TaskCalls {
    /** UCloud's task state that means "cancel"; any other requested state is a pause, which is not offered. */
    static final String CANCELLED = "CANCELLED";

    private final LongPredicate cancel;

    /** @param cancel asks the owning instance to cancel a task; false when no running instance owns it */
    public TaskCalls(LongPredicate cancel) {
        this.cancel = cancel;
    }

    Reply pauseOrCancel(Call call) {
        PauseOrCancel request = call.body(PauseOrCancel.class);
        if (request.id() == null || request.requestedState() == null) {
            throw ApiException.badRequest("id and requestedState are required");
        }
        if (!CANCELLED.equals(request.requestedState())) {
            throw ApiException.badRequest("This task can be cancelled but not paused");
        }
        if (!cancel.test(request.id())) {
            throw ApiException.notFound("Unknown task " + request.id());
        }
        return Reply.json(Map.of());
    }

    record PauseOrCancel(Long id, String requestedState) {
    }
}
