package dk.sdu.im.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Membership as NSS reports it: the group's own gid as an account's primary group, or a listed member. */
class GroupMembershipTest {
    private static LocalAccount account(String name, int gid) {
        return new LocalAccount(name, 1100, gid, Path.of("/home", name));
    }

    @Test
    void aListedMemberOrAnAccountWhosePrimaryGroupItIsIsIncluded() {
        var group = GroupMembership.parse("ucloud-users", "ucloud-users:x:1500:alice,bob").orElseThrow();

        assertThat(group.includes(account("alice", 1100))).isTrue();
        assertThat(group.includes(account("dora", 1500))).as("primary group").isTrue();
        assertThat(group.includes(account("carol", 1102))).isFalse();
        assertThat(group.includes(account("ali", 1100))).as("a prefix is not a member").isFalse();
    }

    @Test
    void aGroupWithoutMembersOrAMalformedLineIncludesNobodyListed() {
        assertThat(GroupMembership.parse("g", "g:x:7:").orElseThrow().members()).isEmpty();
        assertThat(GroupMembership.parse("g", "other:x:7:a")).isEmpty();
        assertThat(GroupMembership.parse("g", "g:x:seven:a")).isEmpty();
    }

    @Test
    void theRealRootGroupIsLookedUpThroughNss() {
        assertThat(new GroupMembership("root").includes(new LocalAccount("root", 0, 0, Path.of("/root")))).isTrue();
        assertThat(new GroupMembership("no-such-group-here").includes(account("alice", 1100))).isFalse();
    }
}
