package dk.sdu.im.server.check;

import dk.sdu.im.config.ConfigException;
import dk.sdu.im.config.ConfigReading;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.config.InstancesConfig;
import dk.sdu.im.config.Secrets;
import dk.sdu.im.server.identity.GroupMembership;
import dk.sdu.im.server.identity.LocalAccount;
import dk.sdu.im.server.identity.LocalAccounts;
import dk.sdu.im.server.instances.InstallCheck;
import dk.sdu.im.server.instances.SudoCheck;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Every check of one configuration directory and the install it names, in one run: {@code config.yml} read to the end,
 * {@code secrets.yml} (owner, mode, content), UCloud's public key, the gateway's TLS files, the service account and
 * user group, the install IM/Server checks before each launch (the launcher, the sudo rule, who may change what a
 * launch reads) and the database settings. Where a section of {@code config.yml} has a problem, the checks that need
 * it are left out and a note says so. Starts nothing and changes nothing.
 *
 * @param accounts the host's accounts (NSS in production)
 * @param ownUid the effective uid this check runs with: root may ask sudo about the service user, the service user
 *     about itself, anyone else cannot
 * @param rootSudo how root asks sudo about a service user ({@link SudoCheck#asRootFor} in production)
 * @param ownSudo how the service user asks sudo about itself ({@link SudoCheck#system()} in production)
 * @param clock decides whether the gateway's certificate has expired
 */
record ConfigCheck(LocalAccounts accounts, int ownUid, Function<String, SudoCheck> rootSudo,
                   SudoCheck ownSudo, Clock clock) {

    /** Checks {@code configDir}; the findings are in the order the checks ran, {@code config.yml}'s first. */
    Findings run(Path configDir) {
        var findings = new Findings();
        ConfigReading reading = ImConfig.inspect(configDir);
        reading.problems().forEach(problem -> findings.problem(problem.getMessage()));
        Optional<LocalAccount> service = reading.instances().flatMap(instances -> serviceAccount(instances, findings));
        if (reading.instances().isEmpty()) {
            findings.note("the instances section has problems, so the service account, the user group, secrets.yml's"
                    + " owner and the install were not checked");
        }
        OptionalInt serviceUid = service.map(account -> OptionalInt.of(account.uid())).orElse(OptionalInt.empty());
        secrets(reading.directory(), serviceUid, findings);
        reading.core().ifPresentOrElse(core -> PublicKeyCheck.check(core.publicKeyFile(), findings),
                () -> findings.note("the core section has problems, so UCloud's public key was not checked"));
        reading.gateway().ifPresentOrElse(gateway -> gateway.tls().ifPresent(
                        tls -> TlsCheck.check(tls, serviceUid, clock.instant(), findings)),
                () -> findings.note("the gateway or server section has problems, so the gateway's TLS files were not checked"));
        reading.instances().ifPresent(instances -> install(instances, service, findings));
        reading.database().ifPresentOrElse(database -> DatabaseCheck.check(database, service, findings),
                () -> findings.note("the database or server section has problems, so the database was not checked"));
        return findings;
    }

    private Optional<LocalAccount> serviceAccount(InstancesConfig instances, Findings findings) {
        Optional<LocalAccount> account = accounts.byName(instances.serviceUser());
        if (account.isEmpty()) {
            findings.problem("instances.serviceUser " + instances.serviceUser() + " does not exist on this host; create it"
                    + " (adduser --system " + instances.serviceUser() + ") or name the account IM/Server runs as");
        }
        return account;
    }

    private static void secrets(Path configDir, OptionalInt serviceUid, Findings findings) {
        if (serviceUid.isEmpty()) {
            findings.note("secrets.yml was not checked: the service account is unknown");
            return;
        }
        Secrets.inspect(configDir, serviceUid.getAsInt()).stream().map(ConfigException::getMessage).forEach(findings::problem);
    }

    private void install(InstancesConfig instances, Optional<LocalAccount> service, Findings findings) {
        if (instances.launch() == InstancesConfig.Launch.DIRECT) {
            findings.note("instances.launch is direct (development): instances run as the service user without sudo, so"
                    + " the sudo rule and the install were not checked");
            return;
        }
        if (!new GroupMembership(instances.userGroup()).exists()) {
            findings.problem("instances.userGroup " + instances.userGroup() + " does not exist on this host, so nobody can"
                    + " be served; create it (groupadd " + instances.userGroup() + ") and add the users to serve");
        }
        InstallCheck check = sudo(instances, service, findings).map(sudo -> InstallCheck.of(instances, sudo))
                .orElseGet(() -> InstallCheck.withoutSudo(instances));
        check.problems().forEach(findings::problem);
    }

    /** How to ask sudo about the service user's rule, as who this check runs as allows. */
    private Optional<SudoCheck> sudo(InstancesConfig instances, Optional<LocalAccount> service, Findings findings) {
        if (ownUid == 0) {
            return Optional.of(rootSudo.apply(instances.serviceUser()));
        }
        if (service.isPresent() && service.get().uid() == ownUid) {
            return Optional.of(ownSudo);
        }
        findings.note("the sudo rule was not checked: only root or " + instances.serviceUser() + " can ask sudo about "
                + instances.serviceUser() + "'s rule");
        return Optional.empty();
    }
}
