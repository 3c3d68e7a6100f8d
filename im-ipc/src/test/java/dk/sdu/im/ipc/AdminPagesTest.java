package dk.sdu.im.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AdminPagesTest {

    @Test
    void aListTooLargeForOneFrameIsCutToAPageThatEncodes() {
        List<ServerToAdmin.UserInfo> users = IntStream.range(0, 2000)
                .mapToObj(i -> new ServerToAdmin.UserInfo("user-with-a-rather-long-name-" + i + "#1234", "u" + i, 2000 + i,
                        1_700_000_000_000L, 0, true, 0)).toList();

        List<ServerToAdmin.UserInfo> page = AdminPages.fitting(users);

        assertThat(page).isNotEmpty().hasSizeLessThan(users.size()).isEqualTo(users.subList(0, page.size()));
        assertThat(Codec.SERVER_TO_ADMIN.encode(new ServerToAdmin.Users(page, true)).payload().length)
                .isLessThanOrEqualTo(IpcProtocol.MAX_PAYLOAD_BYTES);
    }

    @Test
    void aSmallListIsOnePage() {
        List<ServerToAdmin.RouteInfo> routes = List.of(new ServerToAdmin.RouteInfo("alice#1", 42001, 0, 5));
        assertThat(AdminPages.fitting(routes)).isEqualTo(routes);
    }
}
