package dk.sdu.im.api.rpc;

/**
 * One endpoint's business logic. It runs on its own virtual thread after access was checked, returns a
 * {@link Reply} or throws {@link dk.sdu.im.api.ApiException}; any other exception becomes a 500 whose
 * details reach only the log.
 */
@FunctionalInterface
public interface Handler {
    Reply handle(Call call) throws Exception;
}
