package dk.sdu.im.server;

/** IM/Server's system calls with the embedded default database. */
class SystemCallsOnSqliteTest extends SystemCallsContract {
    @Override
    String databaseYaml() {
        return "type: sqlite\n";
    }
}
