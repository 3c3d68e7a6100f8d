package dk.sdu.im.dev;

import java.nio.file.Path;

/** The command line of {@code ucloud-im dev}. */
record DevOptions(int port, int corePort, Path stateDir) {

    static DevOptions parse(String[] args, String usage) {
        int port = 0;
        int corePort = 0;
        Path stateDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.print(usage);
                    System.exit(0);
                }
                case "--port" -> port = number(args, ++i, usage);
                case "--core-port" -> corePort = number(args, ++i, usage);
                case "--state-dir" -> stateDir = Path.of(value(args, ++i, usage)).toAbsolutePath();
                default -> fail("unknown argument: " + args[i], usage);
            }
        }
        return new DevOptions(port, corePort, stateDir);
    }

    private static String value(String[] args, int i, String usage) {
        if (i >= args.length) {
            fail(args[i - 1] + " needs a value", usage);
        }
        return args[i];
    }

    private static int number(String[] args, int i, String usage) {
        try {
            int n = Integer.parseInt(value(args, i, usage));
            if (n < 0 || n > 65535) {
                fail(args[i - 1] + " must be a port number", usage);
            }
            return n;
        } catch (NumberFormatException e) {
            fail(args[i - 1] + " must be a number", usage);
            return 0;
        }
    }

    private static void fail(String problem, String usage) {
        System.err.println("ucloud-im dev: " + problem);
        System.err.print(usage);
        System.exit(64);
    }
}
