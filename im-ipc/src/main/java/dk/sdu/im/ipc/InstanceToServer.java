package dk.sdu.im.ipc;

import java.util.Objects;

/**
 * Every message an IM/User instance sends to IM/Server: the whole catalogue of this direction.
 *
 * <p>Sender: the end user's IM/User process, which IM/Server does not trust beyond what the kernel says about
 * it (its {@link Peer}). Each message is answered by exactly one {@link ServerToInstance} reply. Adding a
 * record here breaks compilation of every exhaustive switch over this type and makes {@code Codec} fail at
 * class load until the record has a wire tag.
 */
public sealed interface InstanceToServer {

    /** The first message on every connection; answered by {@link ServerToInstance.Welcome}. */
    record Hello(String protocol, int version) implements InstanceToServer {
        public Hello {
            Objects.requireNonNull(protocol, "protocol");
        }
    }

    /**
     * The instance is ready: it serves everything (calls, WebSocket upgrades, downloads) on loopback TCP
     * {@code port}. IM/Server checks that the instance's own uid listens there before it routes to it.
     */
    record Register(int port) implements InstanceToServer {
        public Register {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be 1..65535, got " + port);
            }
        }
    }

    /** A periodic report that lets IM/Server decide when an idle instance may stop. */
    record Activity(long lastRequestEpochMillis, int openStreams, int transfersInProgress)
            implements InstanceToServer {
        public Activity {
            if (lastRequestEpochMillis < 0 || openStreams < 0 || transfersInProgress < 0) {
                throw new IllegalArgumentException("activity figures must not be negative");
            }
        }
    }

    /** The instance is about to exit on its own; {@code reason} is for the log. */
    record Goodbye(String reason) implements InstanceToServer {
        public Goodbye {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * File work outlived its call and goes on in the background; answered by {@link ServerToInstance.TaskCreated}.
     * IM/Server creates the task at UCloud for the user it assigned to this session; nothing here names a user.
     */
    record TaskStarted(String title) implements InstanceToServer {
        public TaskStarted {
            Objects.requireNonNull(title, "title");
        }
    }

    /** How far a task of this session has come: a short status line and 0..100 per cent. Answered by Ack. */
    record TaskProgress(long taskId, String status, double percent) implements InstanceToServer {
        public TaskProgress {
            Objects.requireNonNull(status, "status");
            if (!(percent >= 0 && percent <= 100)) {
                throw new IllegalArgumentException("percent must be 0..100, got " + percent);
            }
        }
    }

    /**
     * Under {@code core.userContext: auto}: this instance served a user call whose token carried the {@code ucloudUser}
     * claim, and {@code token} is that call's raw JWT, which IM/Server verifies itself before it records the switch
     * (nothing else here is believed). Answered by Ack, or Refused when the token does not prove it.
     */
    record ClaimSeen(String token) implements InstanceToServer {
        /** A Core JWT is well under 2 KiB; the bound keeps a hostile instance from sending frames of tokens. */
        public static final int MAX_TOKEN_CHARS = 8192;

        public ClaimSeen {
            Objects.requireNonNull(token, "token");
            if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
                throw new IllegalArgumentException("a token is 1.." + MAX_TOKEN_CHARS + " characters");
            }
        }
    }

    /**
     * This instance answered a request 401 because its UCloud token failed verification: {@code reason} is the
     * verifier's (it never quotes the token), {@code claimedUser} the user the request named, unverified, or empty.
     * IM/Server writes it to its audit trail under the identity it knows this session by; nothing else here is
     * believed. Answered by Ack.
     */
    record TokenRejected(String reason, String claimedUser) implements InstanceToServer {
        /** Longer texts are cut by the sender: a verifier's reason is one short sentence, a UCloud username shorter. */
        public static final int MAX_REASON_CHARS = 500;
        public static final int MAX_USER_CHARS = 255;

        public TokenRejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(claimedUser, "claimedUser");
            if (reason.length() > MAX_REASON_CHARS || claimedUser.length() > MAX_USER_CHARS) {
                throw new IllegalArgumentException("a reason is at most " + MAX_REASON_CHARS + " characters and a user "
                        + MAX_USER_CHARS);
            }
        }
    }

    /** A task of this session is over, successfully or not; {@code message} is shown to the user. Answered by Ack. */
    record TaskCompleted(long taskId, boolean success, String message) implements InstanceToServer {
        public TaskCompleted {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Which drives of this instance's user UCloud knows, with their ids; answered by {@link ServerToInstance.DriveList}. */
    record ListDrives() implements InstanceToServer {
    }

    /**
     * Before a submission of UCloud job {@code ucloudJobId}: may the job's owner (the project, or the assigned user when
     * {@code project} is empty) still use {@code category}? Answered by Ack, or Refused with the reason when UCloud said
     * the allocation is spent. IM/Server also starts confirming with UCloud whose job it is, which
     * {@link JobSubmitted} then needs, so that the confirmation runs while the scheduler takes the job.
     */
    record MaySubmit(String ucloudJobId, String project, String category) implements InstanceToServer {
        public MaySubmit {
            Objects.requireNonNull(ucloudJobId, "ucloudJobId");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(category, "category");
        }
    }

    /**
     * This instance submitted UCloud job {@code ucloudJobId} as {@code providerJobId}, its folder is
     * {@code outputFolder} (a UCloud path). IM/Server tracks it for the user it assigned to this session, after
     * UCloud confirmed the job is that user's. Answered by Ack or Refused.
     */
    record JobSubmitted(String ucloudJobId, String providerJobId, String outputFolder, String category,
                        String project) implements InstanceToServer {
        public JobSubmitted {
            Objects.requireNonNull(ucloudJobId, "ucloudJobId");
            Objects.requireNonNull(providerJobId, "providerJobId");
            Objects.requireNonNull(outputFolder, "outputFolder");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(project, "project");
        }
    }

    /**
     * What this instance saw of one of its own jobs (backends without a scheduler to poll): {@code state} is a UCloud
     * JobState name. IM/Server applies it only to a job it tracks for this session's user. Answered by Ack or Refused.
     */
    record JobObserved(String providerJobId, String state, String status, long cpuSeconds, long gpuSeconds)
            implements InstanceToServer {
        public JobObserved {
            Objects.requireNonNull(providerJobId, "providerJobId");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(status, "status");
            if (cpuSeconds < 0 || gpuSeconds < 0) {
                throw new IllegalArgumentException("usage must not be negative");
            }
        }
    }

    /**
     * What this instance served since its previous report (deltas, so IM/Server adds them up and a lost instance loses
     * nothing already reported), and the transfers running now; sent every few seconds while there is something to
     * say, and once more when the instance stops. IM/Server turns it into metrics; it names no user (the session does)
     * and steers nothing. Answered by Ack. Every figure is bounded here, so a hostile instance can neither send a huge
     * report nor grow IM/Server's label sets past {@link #MAX_CALLS} call/status pairs per report.
     */
    record Served(java.util.List<CallTally> calls, long uploadedBytes, long downloadedBytes, int activeUploads,
                  int activeDownloads) implements InstanceToServer {
        /** The most call/status pairs one report may carry. */
        public static final int MAX_CALLS = 256;

        public Served {
            calls = java.util.List.copyOf(calls);
            if (calls.size() > MAX_CALLS) {
                throw new IllegalArgumentException("at most " + MAX_CALLS + " call tallies per report, got " + calls.size());
            }
            if (uploadedBytes < 0 || downloadedBytes < 0 || activeUploads < 0 || activeDownloads < 0) {
                throw new IllegalArgumentException("transfer figures must not be negative");
            }
        }
    }

    /**
     * How often call {@code call} ended with HTTP {@code status} since the last report, their summed duration in
     * microseconds, and how many fell into each latency bucket: {@code buckets[i]} counts the calls that took at most
     * {@code LATENCY_BOUNDS_SECONDS[i]} and more than the bound before; the last entry counts the slower rest.
     */
    record CallTally(String call, int status, long count, long micros, java.util.List<Long> buckets) {
        /** The latency buckets' upper bounds, in seconds: both ends count with these. */
        public static final java.util.List<Double> LATENCY_BOUNDS_SECONDS = java.util.List.of(
                0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0);
        private static final java.util.regex.Pattern CALL_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

        public CallTally {
            Objects.requireNonNull(call, "call");
            buckets = java.util.List.copyOf(buckets);
            if (!CALL_NAME.matcher(call).matches()) {
                throw new IllegalArgumentException("a call name is 1..64 letters, digits, '.', '_' or '-'");
            }
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("status must be 100..599, got " + status);
            }
            if (count < 0 || micros < 0 || buckets.size() != LATENCY_BOUNDS_SECONDS.size() + 1
                    || buckets.stream().anyMatch(b -> b < 0) || buckets.stream().mapToLong(Long::longValue).sum() != count) {
                throw new IllegalArgumentException("a tally needs non-negative figures and one bucket per bound plus one,"
                        + " adding up to its count");
            }
        }
    }
}
