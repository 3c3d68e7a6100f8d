package dk.sdu.im.compute.slurm;

/** Resource seconds as UCloud is told them: a count times a number of seconds. */
final class Usage {
    private Usage() {}

    /** {@code count × seconds}, held at {@link Long#MAX_VALUE} rather than wrapping. */
    static long times(long count, long seconds) {
        long high = Math.multiplyHigh(count, seconds);
        long product = count * seconds;
        return high != 0 || product < 0 ? Long.MAX_VALUE : product;
    }
}
