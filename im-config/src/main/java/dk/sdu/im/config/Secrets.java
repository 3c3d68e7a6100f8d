package dk.sdu.im.config;

import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HexFormat;
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

    public Secrets {
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(databasePassword, "databasePassword");
    }

    /**
     * Checks the permissions of {@code <configDirectory>/secrets.yml}, then reads and validates it.
     *
     * @throws ConfigException when the file is missing, not private to its owner, or invalid
     */
    public static Secrets load(Path configDirectory) throws ConfigException {
        Path file = configDirectory.toAbsolutePath().normalize().resolve(FILE_NAME);
        PrivateFile.check(file);
        YamlSection yaml = new YamlFile(file, true).read(KEYS, LinkOption.NOFOLLOW_LINKS);
        return new Secrets(yaml.value("refreshToken", Secrets::refreshToken),
                yaml.optionalValue("databasePassword", text -> text));
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
