package dk.sdu.im.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the IPC server shares its connections: reserved slots, a share for local users, a cap per uid. */
class ConnectionBudgetTest {
    private final ConnectionBudget budget = new ConnectionBudget(10, 3, 2);

    @Test
    void oneUidGetsItsCapAndAnotherUidStillGetsIn() {
        assertThat(budget.admit(PeerKind.LOCAL_USER, 1001).slot()).isPresent();
        assertThat(budget.admit(PeerKind.LOCAL_USER, 1001).slot()).isPresent();
        assertThat(budget.admit(PeerKind.LOCAL_USER, 1001).refusal()).contains(new ConnectionBudget.Refusal.UidFull(1001, 2));
        assertThat(budget.admit(PeerKind.LOCAL_USER, 1002).slot()).isPresent();
    }

    @Test
    void manyLocalUsersTogetherCannotTakeTheReservedSlots() {
        for (int uid = 2000; uid < 2007; uid++) {
            assertThat(budget.admit(PeerKind.LOCAL_USER, uid).slot()).isPresent();
        }
        assertThat(budget.admit(PeerKind.LOCAL_USER, 3000).refusal()).contains(new ConnectionBudget.Refusal.LocalUsersFull(7));
        for (int i = 0; i < 3; i++) {
            assertThat(budget.admit(i == 0 ? PeerKind.ADMIN : PeerKind.INSTANCE, 1100).slot()).as("reserved " + i).isPresent();
        }
        assertThat(budget.admit(PeerKind.INSTANCE, 1100).refusal()).contains(new ConnectionBudget.Refusal.Full(10));
    }

    @Test
    void releasedSlotsCanBeTakenAgain() {
        List<ConnectionBudget.Slot> held = new ArrayList<>();
        held.add(budget.admit(PeerKind.LOCAL_USER, 1001).slot().orElseThrow());
        held.add(budget.admit(PeerKind.LOCAL_USER, 1001).slot().orElseThrow());
        held.forEach(budget::release);

        assertThat(budget.open()).isZero();
        assertThat(budget.admit(PeerKind.LOCAL_USER, 1001).slot()).isPresent();
        assertThat(budget.admit(PeerKind.LOCAL_USER, 1001).slot()).isPresent();
    }
}
