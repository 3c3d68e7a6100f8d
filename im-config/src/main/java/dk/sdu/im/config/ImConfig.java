package dk.sdu.im.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

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
        return read(directory, root);
    }

    private static ImConfig read(Path directory, YamlSection root) throws ConfigException {
        ProviderConfig provider = ProviderConfig.read(root.section("provider", ProviderConfig.KEYS));
        CoreConfig core = CoreConfig.read(root.section("core", CoreConfig.KEYS), directory);
        ServerConfig server = ServerConfig.read(root.optionalSection("server", ServerConfig.KEYS), directory);
        DatabaseConfig database = DatabaseConfig.read(root.optionalSection("database", DatabaseConfig.KEYS),
                server.stateDir());
        IdentityConfig identity = IdentityConfig.read(root.optionalSection("identity", IdentityConfig.KEYS));
        List<ProductCategory> products = ProductCategory.readAll(root.section("products", Keys.any()));
        LoggingConfig logging = LoggingConfig.read(root.optionalSection("logging", LoggingConfig.KEYS), directory);
        InstancesConfig instances = InstancesConfig.read(root.optionalSection("instances", InstancesConfig.KEYS), directory);
        GatewayConfig gateway = GatewayConfig.read(root.optionalSection("gateway", GatewayConfig.KEYS), directory,
                server.stateDir());
        List<DriveLocator> drives = DriveLocator.readAll(root.optionalSection("drives", Keys.any()), products);
        TransfersConfig transfers = TransfersConfig.read(root.optionalSection("transfers", TransfersConfig.KEYS));
        ComputeConfig compute = ComputeConfig.read(root.optionalSection("compute", ComputeConfig.KEYS), drives);
        return new ImConfig(directory, provider, core, server, database, identity, products, logging, instances, gateway,
                drives, transfers, compute);
    }
}
