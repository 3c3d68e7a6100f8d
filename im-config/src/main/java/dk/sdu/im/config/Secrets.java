package dk.sdu.im.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The contents of {@code secrets.yml}: what only IM/Server may know. IM/User never sees this.
 *
 * <p>The file must be a regular file with no permission bits for group or others (mode 0600 or
 * stricter), owned by the service user; IM/Server refuses to start otherwise. No message and no
 * {@link #toString()} ever contains a secret value.
 *
 * @param refreshToken the provider's refresh token from UCloud: exactly 64 hexadecimal characters. Required.
 * @param databasePassword the PostgreSQL password, if the database needs one. Optional.
 */
public record Secrets(String refreshToken, Optional<String> databasePassword) {
    static final String FILE_NAME = "secrets.yml";
    static final Keys KEYS = Keys.of("refreshToken", "databasePassword");
    private static final int TOKEN_LENGTH = 64;
    private static final String CREATE = "Create it (see etc/secrets.yml.example)";

    public Secrets {
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(databasePassword, "databasePassword");
    }

    /**
     * Checks the owner and permissions of {@code <configDirectory>/secrets.yml}, then reads and validates it. The owner
     * must be the account this process runs as (IM/Server's service user).
     *
     * @throws ConfigException when the file is missing, not private to this process's account, or invalid
     */
    public static Secrets load(Path configDirectory) throws ConfigException {
        return load(configDirectory, ownUid(configDirectory));
    }

    /**
     * As {@link #load(Path)}, with the owner named: {@code serviceUid} must own the file.
     *
     * @throws ConfigException when the file is missing, not private to {@code serviceUid}, or invalid
     */
    public static Secrets load(Path configDirectory, int serviceUid) throws ConfigException {
        Path file = fileIn(configDirectory);
        PrivateFile.check(file, serviceUid, CREATE);
        YamlSection yaml = new YamlFile(file, true).read(KEYS, LinkOption.NOFOLLOW_LINKS);
        return new Secrets(yaml.value("refreshToken", Secrets::refreshToken),
                yaml.optionalValue("databasePassword", text -> text));
    }

    /**
     * Every problem of {@code <configDirectory>/secrets.yml} at once (owner, mode, unknown keys, each value), for
     * {@code config check}, which may run as root or as the service user; empty when {@link #load(Path, int)} would
     * succeed. The content is read only when the file is a regular file, never through a symbolic link.
     */
    public static List<ConfigException> inspect(Path configDirectory, int serviceUid) {
        Path file = fileIn(configDirectory);
        List<ConfigException> problems = new ArrayList<>(PrivateFile.problems(file, serviceUid, CREATE));
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.copyOf(problems);
        }
        Problems content = Problems.collecting();
        try {
            YamlSection yaml = new YamlFile(file, true, content).read(KEYS, LinkOption.NOFOLLOW_LINKS);
            content.attempt(() -> yaml.value("refreshToken", Secrets::refreshToken));
            content.attempt(() -> yaml.optionalValue("databasePassword", text -> text));
        } catch (ConfigException unreadable) {
            problems.add(unreadable);
        }
        problems.addAll(content.found());
        return List.copyOf(problems);
    }

    private static Path fileIn(Path configDirectory) {
        return configDirectory.toAbsolutePath().normalize().resolve(FILE_NAME);
    }

    /** The account this process runs as: the owner of its {@code /proc/self}, as the kernel reports it. */
    private static int ownUid(Path configDirectory) throws ConfigException {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new ConfigException(fileIn(configDirectory), 0, 0, "cannot learn which account this process runs as"
                    + " (/proc/self: " + e.getClass().getSimpleName() + "), so the owner of secrets.yml cannot be checked."
                    + " Run on Linux with /proc mounted.");
        }
    }

    private static String refreshToken(String text) throws InvalidValue {
        if (text.length() != TOKEN_LENGTH || !text.chars().allMatch(HexFormat::isHexDigit)) {
            throw new InvalidValue("must be exactly " + TOKEN_LENGTH + " hexadecimal characters",
                    "Copy the refresh token exactly as UCloud showed it when the provider was registered.");
        }
        if (text.chars().allMatch(c -> c == '0')) {
            throw InvalidValue.hidingValue("must be the provider's real refresh token, not the placeholder from"
                    + " secrets.yml.example", "Copy the refresh token UCloud showed when the provider was registered.");
        }
        return text;
    }

    /** Shows which secrets are present, never their values. */
    @Override
    public String toString() {
        return "Secrets[refreshToken=(hidden), databasePassword=" + databasePassword.map(p -> "(hidden)").orElse("(none)") + "]";
    }
}
