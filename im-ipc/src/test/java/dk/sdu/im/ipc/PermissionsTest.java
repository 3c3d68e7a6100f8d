package dk.sdu.im.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PermissionsTest {

    @Test
    void allowsOnlyWhatIsDeclared() {
        Permissions table = ServerFixture.standardPermissions();

        assertThat(table.allows(PeerKind.INSTANCE, InstanceToServer.Register.class)).isTrue();
        assertThat(table.allows(PeerKind.LOCAL_USER, InstanceToServer.Register.class)).isFalse();
        assertThat(table.allows(PeerKind.LOCAL_USER, InstanceToServer.Hello.class)).isTrue();
        assertThat(table.allows(PeerKind.ADMIN, AdminToServer.ListInstances.class)).isTrue();
    }

    @Test
    void aMessageWithoutAnEntryIsAllowedToNobody() {
        Permissions table = Permissions.builder().allow(InstanceToServer.Hello.class, PeerKind.INSTANCE).build();

        for (PeerKind kind : PeerKind.values()) {
            assertThat(table.allows(kind, InstanceToServer.Goodbye.class)).isFalse();
        }
    }

    @Test
    void refusesToLetAnAdminSpeakTheInstanceProtocol() {
        assertThatThrownBy(() -> Permissions.builder().allow(InstanceToServer.Register.class, PeerKind.ADMIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ADMIN");
    }

    @Test
    void refusesToLetAnInstanceSpeakTheAdminProtocol() {
        assertThatThrownBy(() -> Permissions.builder().allow(AdminToServer.ListInstances.class, PeerKind.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INSTANCE");
    }

    @Test
    void refusesMessagesThatNoClientSends() {
        assertThatThrownBy(() -> Permissions.builder().allow(ServerToInstance.Shutdown.class, PeerKind.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Permissions.builder().allow(Peer.class, PeerKind.ADMIN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToDeclareAMessageTwice() {
        Permissions.Builder builder = Permissions.builder().allow(InstanceToServer.Register.class, PeerKind.INSTANCE);

        assertThatThrownBy(() -> builder.allow(InstanceToServer.Register.class, PeerKind.LOCAL_USER))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theBuiltTableCannotBeChanged() {
        Permissions table = ServerFixture.standardPermissions();

        assertThatThrownBy(() -> table.asMap().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> table.asMap().get(InstanceToServer.Register.class).add(PeerKind.LOCAL_USER))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
