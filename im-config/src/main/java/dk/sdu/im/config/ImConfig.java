package dk.sdu.im.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole of {@code config.yml}: read once at startup, validated before anything listens, immutable.
 *
 * <p>The file is world-readable (IM/User instances read it too), so it holds no secrets; those are in
 * {@link Secrets}. The annotated {@code etc/config.yml} shipped with the distribution documents every key.
 *
 * @param directory the configuration directory, absolute and normalised
 * @param provider section {@code provider}, required
 * @param core section {@code core}, required
 * @param server section {@code server}, optional
 * @param database section {@code database}, optional
 * @param identity section {@code identity}, optional
 * @param products the top-level {@code products} map, required, at least one category, in file order
 * @param logging section {@code logging}, optional
 * @param instances section {@code instances}, optional
 * @param gateway section {@code gateway}, optional
 * @param drives section {@code drives}, optional (default: a home drive per user for the first storage product)
 * @param transfers section {@code transfers}, optional
 * @param compute section {@code compute}, optional (default: no jobs)
 */
public record ImConfig(Path directory, ProviderConfig provider, CoreConfig core, ServerConfig server,
                       DatabaseConfig database, IdentityConfig identity, List<ProductCategory> products,
                       LoggingConfig logging, InstancesConfig instances, GatewayConfig gateway, List<DriveLocator> drives,
                       TransfersConfig transfers, ComputeConfig compute) {
    static final String FILE_NAME = "config.yml";
    static final Keys KEYS = Keys.of("provider", "core", "server", "database", "identity", "products", "logging",
            "instances", "gateway", "drives", "transfers", "compute");

    public ImConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(instances, "instances");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(transfers, "transfers");
        Objects.requireNonNull(compute, "compute");
        drives = List.copyOf(drives);
        products = List.copyOf(products);
    }

    /**
     * Reads and validates {@code <configDirectory>/config.yml}.
     *
     * @throws ConfigException naming file, line and column of the first problem found
     */
    public static ImConfig load(Path configDirectory) throws ConfigException {
        Path directory = configDirectory.toAbsolutePath().normalize();
        YamlSection root = new YamlFile(directory.resolve(FILE_NAME), false).read(KEYS);
        return read(directory, root, Problems.throwing()).config().orElseThrow();
    }

    /**
     * Reads {@code <configDirectory>/config.yml} to the end, keeping every problem instead of stopping at the first
     * ({@code ucloud-im config check}, and start-up's report). Never throws for what the file says.
     */
    public static ConfigReading inspect(Path configDirectory) {
        Path directory = configDirectory.toAbsolutePath().normalize();
        Problems problems = Problems.collecting();
        try {
            YamlSection root = new YamlFile(directory.resolve(FILE_NAME), false, problems).read(KEYS);
            return read(directory, root, problems);
        } catch (ConfigException unreadable) {
            List<ConfigException> found = new ArrayList<>(problems.found());
            found.add(unreadable);
            return ConfigReading.unreadable(directory, found);
        }
    }

    /**
     * Reads every section; a section that fails is reported to {@code problems} and left out, and so are the sections
     * that depend on it (drives on products, compute on drives; database and gateway are still read with the default
     * state directory when server fails, for their own problems, but not handed out). With {@link Problems#throwing()} the first problem
     * is thrown, so the configuration is then always present.
     */
    private static ConfigReading read(Path directory, YamlSection root, Problems problems) throws ConfigException {
        var provider = problems.attempt(() -> ProviderConfig.read(root.section("provider", ProviderConfig.KEYS)));
        var core = problems.attempt(() -> CoreConfig.read(root.section("core", CoreConfig.KEYS), directory));
        var server = problems.attempt(() -> ServerConfig.read(root.optionalSection("server", ServerConfig.KEYS), directory));
        Path stateDir = server.map(ServerConfig::stateDir).orElse(ServerConfig.DEFAULT_STATE_DIR);
        var database = problems.attempt(() -> DatabaseConfig.read(root.optionalSection("database", DatabaseConfig.KEYS),
                stateDir));
        var identity = problems.attempt(() -> IdentityConfig.read(root.optionalSection("identity", IdentityConfig.KEYS)));
        var products = problems.attempt(() -> ProductCategory.readAll(root.section("products", Keys.any())));
        var logging = problems.attempt(() -> LoggingConfig.read(root.optionalSection("logging", LoggingConfig.KEYS), directory));
        var instances = problems.attempt(() -> InstancesConfig.read(root.optionalSection("instances", InstancesConfig.KEYS),
                directory));
        var gateway = problems.attempt(() -> GatewayConfig.read(root.optionalSection("gateway", GatewayConfig.KEYS),
                directory, stateDir));
        Optional<List<DriveLocator>> drives = products.isEmpty() ? Optional.empty()
                : problems.attempt(() -> DriveLocator.readAll(root.optionalSection("drives", Keys.any()), products.get()));
        var transfers = problems.attempt(() -> TransfersConfig.read(root.optionalSection("transfers", TransfersConfig.KEYS)));
        Optional<ComputeConfig> compute = drives.isEmpty() ? Optional.empty()
                : problems.attempt(() -> ComputeConfig.read(root.optionalSection("compute", ComputeConfig.KEYS), drives.get()));
        List<ConfigException> found = problems.found();
        Optional<ImConfig> config = found.isEmpty() && compute.isPresent() && Stream.of(provider, core, server, database,
                identity, logging, instances, gateway, transfers).allMatch(Optional::isPresent)
                ? Optional.of(new ImConfig(directory, provider.get(), core.get(), server.get(), database.get(), identity.get(),
                        products.get(), logging.get(), instances.get(), gateway.get(), drives.get(), transfers.get(),
                        compute.get()))
                : Optional.empty();
        // Database and gateway paths default to places under server.stateDir: without it they would be guesses.
        return new ConfigReading(directory, found, config, core, server, server.isPresent() ? database : Optional.empty(),
                instances, server.isPresent() ? gateway : Optional.empty());
    }
}
