package dk.sdu.im.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
    private static final String URL = "jdbc:postgresql://db.example.org:5432/im";

    @Test
    void toStringSaysWhetherAPasswordIsSetButNeverPrintsIt() {
        DatabaseSettings withPassword = DatabaseSettings.postgresql(URL, "im", Optional.of("s3cret-pw"), 8);
        DatabaseSettings without = DatabaseSettings.postgresql(URL, "im", Optional.empty(), 8);

        assertThat(withPassword.toString()).doesNotContain("s3cret-pw").contains("password=<set>").contains(URL);
        assertThat(without.toString()).contains("password=<none>");
    }

    @Test
    void sqliteUsesTheAbsoluteFileAPoolOfFourAndNoCredentials() {
        DatabaseSettings settings = DatabaseSettings.sqlite(Path.of("state/../state/im.sqlite"));
        Path absolute = Path.of("state/im.sqlite").toAbsolutePath();

        assertThat(settings.kind()).isEqualTo(DatabaseSettings.Kind.SQLITE);
        assertThat(settings.sqliteFile()).isEqualTo(absolute);
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:sqlite:" + absolute);
        assertThat(settings.poolSize()).isEqualTo(4);
        assertThat(settings.user()).isNull();
        assertThat(settings.password()).isEmpty();
    }

    @Test
    void postgresqlKeepsWhatItWasGiven() {
        DatabaseSettings settings = DatabaseSettings.postgresql(URL, "im", Optional.of("pw"), 8);

        assertThat(settings).isEqualTo(new DatabaseSettings(DatabaseSettings.Kind.POSTGRESQL, null, URL, "im",
                Optional.of("pw"), 8));
    }

    @Test
    void aPasswordInsideThePostgresqlUrlIsRejectedSoItCannotLeakIntoLogs() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DatabaseSettings.postgresql(URL + "?user=im&Password=pw", "im", Optional.empty(), 8))
                .withMessageNotContaining("pw&")
                .withMessageContaining("must not carry a password");
    }

    @Test
    void postgresqlNeedsAPostgresqlUrlAUserAndAPositivePoolSize() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DatabaseSettings.postgresql("jdbc:mysql://x/im", "im", Optional.empty(), 8));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DatabaseSettings.postgresql(URL, " ", Optional.empty(), 8));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DatabaseSettings.postgresql(URL, "im", Optional.empty(), 0));
    }

    @Test
    void componentsThatDoNotFitTheKindAreRejected() {
        Path file = Path.of("/var/lib/im/im.sqlite");
        assertThatIllegalArgumentException().isThrownBy(() -> new DatabaseSettings(DatabaseSettings.Kind.SQLITE,
                file, "jdbc:sqlite:/elsewhere.sqlite", null, Optional.empty(), 4));
        assertThatIllegalArgumentException().isThrownBy(() -> new DatabaseSettings(DatabaseSettings.Kind.SQLITE,
                file, "jdbc:sqlite:" + file, "im", Optional.empty(), 4));
        assertThatIllegalArgumentException().isThrownBy(() -> new DatabaseSettings(DatabaseSettings.Kind.SQLITE,
                Path.of("relative.sqlite"), "jdbc:sqlite:relative.sqlite", null, Optional.empty(), 4));
        assertThatIllegalArgumentException().isThrownBy(() -> new DatabaseSettings(
                DatabaseSettings.Kind.POSTGRESQL, file, URL, "im", Optional.empty(), 4));
    }
}
