package dk.sdu.im.testkit.core;

import java.time.Clock;
import java.time.Duration;

/** Everything FakeCore remembers, built once per instance and shared by the routes and the inspection API. */
record Catalogues(ProviderRegistry providers, ProviderAccessTokens accessTokens, ProductCatalogue products,
                  DriveCatalogue drives, JobCatalogue jobs, Connections connections, UsageLedger usage,
                  TaskBoard tasks) {

    static Catalogues create(String issuer, Clock clock, Duration accessTokenLifetime) {
        ProviderRegistry providers = new ProviderRegistry(issuer, clock);
        ProductCatalogue products = new ProductCatalogue();
        return new Catalogues(providers, new ProviderAccessTokens(providers, issuer, clock, accessTokenLifetime),
                products, new DriveCatalogue(clock, products), new JobCatalogue(clock, products), new Connections(),
                new UsageLedger(products), new TaskBoard());
    }
}
