package dk.sdu.im.compute.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.compute.backend.ComputeRefusal;
import org.junit.jupiter.api.Test;

class JobIdsTest {
    @Test
    void onlyOneToTenDigitsAreAJobId() throws ComputeRefusal {
        assertThat(JobIds.checked("12345")).isEqualTo("12345");
        assertThat(JobIds.valid("4294967295")).isTrue();
        for (String id : new String[] {"", "-a", "--jobs=1", "1,2", "12 ", " 12", "12;c", "12_3", "12.batch", "0x1f",
                "12345678901", "١٢", "1\n2"}) {
            assertThat(JobIds.valid(id)).as("'%s'", id).isFalse();
        }
    }

    @Test
    void aRefusalIsTheRequestsAndShowsTheIdSafely() {
        assertThatThrownBy(() -> JobIds.checked("--uid=0\n"))
                .isInstanceOfSatisfying(ComputeRefusal.class, e -> assertThat(e.userError()).isTrue())
                .hasMessage("'--uid=0?' is not a Slurm job id (1 to 10 digits)");
    }
}
