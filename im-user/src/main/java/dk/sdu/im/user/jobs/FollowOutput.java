package dk.sdu.im.user.jobs;

/** The two files of a job folder that a follow streams, and the field of Core's log chunk each one fills. */
enum FollowOutput {
    STDOUT(JobSubmitter.STDOUT),
    STDERR(JobSubmitter.STDERR);

    private final String fileName;

    FollowOutput(String fileName) {
        this.fileName = fileName;
    }

    /** The file's name in the job folder, as the submission named it. */
    String fileName() {
        return fileName;
    }
}
