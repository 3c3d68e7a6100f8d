package dk.sdu.im.ipc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** This test process's credentials, from {@code id} as an administrator would check them. */
final class ThisProcess {
    private ThisProcess() {
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    static int uid() throws IOException, InterruptedException {
        return id("-u");
    }

    static int gid() throws IOException, InterruptedException {
        return id("-g");
    }

    private static int id(String option) throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", option).redirectErrorStream(true).start();
        String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (id.waitFor() != 0) {
            throw new IOException("id " + option + " failed: " + out);
        }
        return Integer.parseInt(out);
    }
}
