package dk.sdu.im.server.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.sdu.im.server.identity.NssAccounts;
import dk.sdu.im.server.instances.FakeInstallation;
import dk.sdu.im.server.instances.SudoCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ucloud-im config check} as root on a site installation under a temporary directory ({@link FakeInstallation}):
 * ten different mistakes planted in one configuration and install are all reported by one run, each with its file and
 * line where it has one. The service account is {@code nobody} and the user group {@code nogroup}, which every Debian
 * system has; sudo is a stand-in that prints a listing, so this host's sudo rules are neither read nor touched.
 */
class ConfigCheckTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path base;

    private FakeInstallation site;
    private Path state;

    @BeforeEach
    void aSiteInstalledByRoot() throws Exception {
        assumeTrue(FakeInstallation.root(), "needs root: plants files owned by other accounts, as a site's install has");
        site = FakeInstallation.create(base);
        state = Files.createDirectories(base.resolve("var/lib/ucloud-im"));
        FakeInstallation.giveToNobody(state);
    }

    @Test
    void aCleanConfigurationAndInstallPass() throws Exception {
        writeConfig("", "", "");
        writeSecrets("refreshToken: " + TOKEN + "\n", "rw-------");
        FakeInstallation.giveToNobody(site.configDir.resolve("secrets.yml"));
        site.file(site.configDir.resolve("ucloud_key.pub"), publicKey() + "\n");

        var result = check(listing("%nogroup"), "--config-dir", site.configDir.toString());

        assertThat(result.out()).endsWith("no problem found in " + site.configDir + " and the install it names\n");
        assertThat(result.exit()).isEqualTo(0);
    }

    @Test
    void tenPlantedMistakesAreAllReportedInOneRun() throws Exception {
        writeConfig("  colour: blue\n", "logging:\n  level: loud\n", "transfers:\n  uploadLinkSeconds: 1\n"
                + "gateway:\n  tls:\n    certificate: " + base.resolve("tls/fullchain.pem") + "\n    key: "
                + base.resolve("tls/privkey.pem") + "\n");
        writeSecrets("refreshToken: 12345\n", "rw-r--r--");
        site.file(site.configDir.resolve("ucloud_key.pub"), "-----BEGIN RSA PUBLIC KEY----- not a key\n");
        FakeInstallation.giveToNobody(site.home.resolve("lib"));
        Files.setAttribute(state, "unix:uid", 0);
        Path config = site.configDir.resolve("config.yml");
        Path secrets = site.configDir.resolve("secrets.yml");

        var result = check(listing("%old-users"), "--config-dir", site.configDir.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.lines()).as(result.out()).anySatisfy(line -> assertThat(line)
                        .startsWith(config + ":6:3: unknown key 'colour' in 'core'"))
                .anySatisfy(line -> assertThat(line).startsWith(config + ":10:10: logging.level must be one of"))
                .anySatisfy(line -> assertThat(line).startsWith(config + ":12:22: transfers.uploadLinkSeconds must be between 5"))
                .anySatisfy(line -> assertThat(line).startsWith(secrets + ": secrets.yml is owned by uid 0, not by uid 65534"))
                .anySatisfy(line -> assertThat(line).startsWith(secrets + ": secrets.yml is readable by group or others (mode 0644)"))
                .anySatisfy(line -> assertThat(line).startsWith(secrets + ":1:15: refreshToken must be exactly 64 hexadecimal"))
                .anySatisfy(line -> assertThat(line).startsWith(site.configDir.resolve("ucloud_key.pub")
                        + ": the UCloud public key is not standard base64"))
                .anySatisfy(line -> assertThat(line).startsWith("gateway.tls: ").contains(base.resolve("tls/fullchain.pem") + " does not exist"))
                .anySatisfy(line -> assertThat(line).startsWith("the sudo rule lets nobody run " + site.launcher
                        + " only as (%old-users, !root, !#0), not as members of instances.userGroup nogroup"))
                .anySatisfy(line -> assertThat(line).startsWith(site.home.resolve("lib") + " is owned by uid 65534, not root;"
                        + " run: chown root: " + site.home.resolve("lib")))
                .anySatisfy(line -> assertThat(line).startsWith("database: " + state + " (the directory of the SQLite"
                        + " database, where IM/Server creates it) is owned by uid 0, not by the service user nobody"));
        assertThat(result.lines()).noneMatch(line -> line.contains("cannot be checked"));
        assertThat(result.lines().getLast()).matches("[0-9]+ problems found in " + site.configDir + " and the install it names");
    }

    @Test
    void aMissingLauncherIsOneLineSayingItDoesNotExist() throws Exception {
        writeConfig("", "", "");
        Files.delete(site.launcher);

        var result = check(listing("%nogroup"), "--config-dir", site.configDir.toString());

        assertThat(result.lines()).filteredOn(line -> line.contains(site.launcher.toString())).singleElement().asString()
                .startsWith("instances.launcher " + site.launcher + " does not exist, so no user instance can start");
        assertThat(result.exit()).isEqualTo(1);
    }

    @Test
    void unknownArgumentsAreNamedAndHelpIsPrinted() {
        var unknown = check(listing("%nogroup"), "check", "--config-dri", "/etc");
        var help = check(listing("%nogroup"), "check", "--help");
        var none = check(listing("%nogroup"));

        assertThat(unknown.exit()).isEqualTo(64);
        assertThat(unknown.err()).contains("--config-dri");
        assertThat(help.exit()).isEqualTo(0);
        assertThat(help.out()).contains("--config-dir=DIR").contains("Exit codes:").contains("problems found");
        assertThat(none.exit()).isEqualTo(64);
        assertThat(none.err()).contains("check");
    }

    private record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private Result check(SudoCheck sudo, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var check = new ConfigCheck(new NssAccounts(), 0, user -> sudo, sudo, Clock.systemUTC());
        String[] full = args.length > 0 && args[0].startsWith("--") ? prepend("check", args) : args;
        int exit = ConfigCheckMain.run(check, full, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** A stand-in for {@code sudo -n -l -U nobody}: the rule for this site's launcher, run as {@code runAs}. */
    private SudoCheck listing(String runAs) {
        String listing = "User nobody may run the following commands on vm:\n    (" + runAs + ", !root, !#0) NOPASSWD: "
                + site.launcher + " \"\"\n";
        return SudoCheck.running(List.of("/usr/bin/printf", "%s", listing));
    }

    /** config.yml with {@code coreExtra} in core (line 6 on), then {@code sections} and {@code more} after server (line 9 on). */
    private void writeConfig(String coreExtra, String sections, String more) throws IOException {
        site.file(site.configDir.resolve("config.yml"), """
                provider:
                  id: slurm
                  publicUrl: https://slurm.example.org
                core:
                  url: https://cloud.example.org
                %sserver:
                  stateDir: %s
                %s%sinstances:
                  launcher: %s
                  serviceUser: nobody
                  userGroup: nogroup
                products: {home: {type: storage, accountingUnit: {name: GB}, accountingFrequency: PERIODIC_DAY, products: [{name: home}]}}
                """.formatted(coreExtra, state, sections, more, site.launcher));
    }

    private void writeSecrets(String content, String mode) throws IOException {
        Path file = site.file(site.configDir.resolve("secrets.yml"), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    private static String publicKey() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
    }
}
