package dk.sdu.im.systemtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Runs commands on this machine as root (or, through setpriv, as another account) for the system tier. */
final class Host {
    private Host() {
    }

    record Result(int exit, String output) {
    }

    static Result run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a command wrote to standard output and to standard error, kept apart. */
    record Streams(int exit, String out, String err) {
    }

    /** Runs a command with its standard error kept apart from its output (sudo warns there, and carries on). */
    static Streams runApart(String... command) {
        try {
            Path err = java.nio.file.Files.createTempFile("ucloud-im-systest", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
                process.getOutputStream().close();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("timed out: " + String.join(" ", command));
                }
                return new Streams(process.exitValue(), out, java.nio.file.Files.readString(err));
            } finally {
                java.nio.file.Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String must(String... command) {
        Result result = run(command);
        if (result.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + result.exit() + "): " + result.output());
        }
        return result.output();
    }

    /** The command as {@code user}, with that user's groups, through setpriv (no extra parent process). */
    static String[] as(String user, String... command) {
        List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--"));
        full.addAll(List.of(command));
        return full.toArray(String[]::new);
    }

    static boolean root() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    static int uid(String user) {
        return Integer.parseInt(must("id", "-u", user).strip());
    }

    /** Pids of java processes running IM/User as {@code user}. */
    static List<Long> instancesOf(String user) {
        return processesOf(user, "dk.sdu.im.user.UserMain");
    }

    /** Whether {@code pid} is a process that has not ended (a zombie has ended; kill(pid, 0) would say it lives). */
    static boolean alive(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits for a condition that another process brings about (bounded, never a fixed sleep as a check). */
    static boolean eventually(Duration patience, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** Whether IM/Server lists a running instance for the user (asked over IPC as root, like the CLI). */
    static boolean running(Path ipcSocket, String ucloudUser) {
        try (var admin = dk.sdu.im.ipc.IpcClient.connectAsAdmin(ipcSocket)) {
            return admin.request(new dk.sdu.im.ipc.AdminToServer.ListInstances("")) instanceof dk.sdu.im.ipc.ServerToAdmin.Instances list
                    && list.instances().stream().anyMatch(i -> i.ucloudUsername().equals(ucloudUser));
        } catch (java.io.IOException | RuntimeException e) {
            return true;
        }
    }

    /** The loopback port of the user's running instance, as IM/Server lists it (asked over IPC as root); empty if none. */
    static java.util.OptionalInt instancePort(Path ipcSocket, String ucloudUser) {
        try (var admin = dk.sdu.im.ipc.IpcClient.connectAsAdmin(ipcSocket)) {
            if (admin.request(new dk.sdu.im.ipc.AdminToServer.ListInstances("")) instanceof dk.sdu.im.ipc.ServerToAdmin.Instances list) {
                return list.instances().stream().filter(i -> i.ucloudUsername().equals(ucloudUser))
                        .mapToInt(dk.sdu.im.ipc.ServerToAdmin.InstanceInfo::port).findFirst();
            }
            return java.util.OptionalInt.empty();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("IM/Server's IPC socket did not answer", e);
        }
    }

    /** Pids of {@code user}'s processes whose command line names {@code mainClass}. */
    static List<Long> processesOf(String user, String mainClass) {
        Result ps = run("ps", "-o", "pid=,args=", "-u", user);
        List<Long> pids = new ArrayList<>();
        for (String line : ps.output().split("\n")) {
            if (line.contains(mainClass)) {
                pids.add(Long.parseLong(line.strip().split("\\s+")[0]));
            }
        }
        return pids;
    }
}
