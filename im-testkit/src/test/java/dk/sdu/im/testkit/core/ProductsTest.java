package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductsTest {
    private FakeCore core;
    private CoreHttp http;
    private String token;

    @BeforeEach
    void start() {
        core = FakeCore.start();
        http = new CoreHttp(core);
        token = http.accessToken(core.registerProvider("slurm"));
    }

    @AfterEach
    void stop() {
        http.close();
        core.close();
    }

    @Test
    void registeredProductsAreBrowsableWithoutToken() {
        CoreHttp.Res created = http.post("/api/products/v2",
                Products.items(Products.compute("slurm", "cpu", "cpu-1", "Core hour")), token);

        CoreHttp.Res page = http.get("/api/products/v2/browse?itemsPerPage=0&filterProvider=slurm", null);

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json()).isEqualTo(CoreHttp.json("{}"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("itemsPerPage").asInt()).isEqualTo(50);
        assertThat(page.json().get("next").isNull()).isTrue();
        assertThat(page.json().get("items")).hasSize(1);
        assertThat(page.json().at("/items/0/name").asText()).isEqualTo("cpu-1");
        assertThat(core.products("slurm")).hasSize(1);
    }

    @Test
    void registeringAnotherProvidersProductIsForbidden() {
        CoreHttp.Res res = http.post("/api/products/v2",
                Products.items(Products.compute("other", "cpu", "cpu-1", "Core hour")), token);

        assertThat(res.status()).isEqualTo(403);
        assertThat(core.products("other")).isEmpty();
    }

    @Test
    void changingACategorysAccountingUnitIsRefusedNamingTheCategory() {
        core.seedProduct(Products.compute("slurm", "cpu", "cpu-1", "Core hour"));

        CoreHttp.Res res = http.post("/api/products/v2",
                Products.items(Products.compute("slurm", "cpu", "cpu-2", "GPU hour")), token);

        assertThat(res.status()).isEqualTo(400);
        assertThat(res.why()).contains("cpu");
        assertThat(core.products("slurm")).hasSize(1);
    }

    @Test
    void changingFrequencyOrFreeToUseWithinOneBatchIsRefused() {
        var first = Products.compute("slurm", "cpu", "cpu-1", "Core hour");
        var second = Products.compute("slurm", "cpu", "cpu-2", "Core hour");
        second.withObjectProperty("category").put("freeToUse", true);

        CoreHttp.Res res = http.post("/api/products/v2", Products.items(first, second), token);

        assertThat(res.status()).isEqualTo(400);
        assertThat(core.products("slurm")).isEmpty();
    }

    @Test
    void reRegisteringTheSameProductUpdatesItInPlace() {
        var product = Products.compute("slurm", "cpu", "cpu-1", "Core hour");
        http.post("/api/products/v2", Products.items(product), token);
        product.put("description", "updated");

        CoreHttp.Res again = http.post("/api/products/v2", Products.items(product), token);

        assertThat(again.status()).isEqualTo(200);
        assertThat(core.products("slurm")).singleElement()
                .satisfies(p -> assertThat(p.get("description").asText()).isEqualTo("updated"));
    }

    @Test
    void browsePagesThroughAllProductsWithAnOpaqueCursor() {
        var body = Products.items();
        for (int i = 0; i < 7; i++) {
            body.withArrayProperty("items").add(Products.compute("slurm", "cpu", "cpu-" + i, "Core hour"));
        }
        http.post("/api/products/v2", body, token);
        core.registerProvider("other");
        core.seedProduct(Products.compute("other", "gpu", "gpu-1", "GPU hour"));

        List<String> names = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = http.get("/api/products/v2/browse?itemsPerPage=3&filterProvider=slurm"
                    + (next == null ? "" : "&next=" + next), null).json();
            page.get("items").forEach(p -> names.add(p.get("name").asText()));
            next = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (next != null);

        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("cpu-0", "cpu-1", "cpu-2", "cpu-3", "cpu-4", "cpu-5", "cpu-6");
        assertThat(http.get("/api/products/v2/browse", null).json().get("items")).hasSize(8);
    }

    @Test
    void itemsPerPageIsCappedAtOneThousandAndForgedCursorIsRefused() {
        assertThat(http.get("/api/products/v2/browse?itemsPerPage=5000", null).json().get("itemsPerPage").asInt())
                .isEqualTo(1000);
        assertThat(http.get("/api/products/v2/browse?next=bogus!", null).status()).isEqualTo(400);
    }

    @Test
    void seedingAConflictingProductIsAnIllegalArgument() {
        core.seedProduct(Products.compute("slurm", "cpu", "cpu-1", "Core hour"));

        assertThatThrownBy(() -> core.seedProduct(Products.compute("slurm", "cpu", "cpu-2", "Other")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpu");
    }
}
