package dev.sluice.api.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one engine flag an attached console still takes: {@code --data-dir}, where its log and
 * reports go (an attached engine has its own flags; knobs change in the console).
 */
public final class AttachArgs {
    private AttachArgs() {}

    /**
     * The data directory among {@code args} ({@code --data-dir DIR} or {@code --data-dir=DIR}), else
     * {@code SLUICE_DATA_DIR}, else {@code ./sluice-data}; absolute and normalized.
     *
     * @param refusal the one line for an argument that is not {@code --data-dir}, given that argument
     * @throws UsageException for any other argument, or a {@code --data-dir} without a value
     */
    public static Path dataDir(List<String> args, Map<String, String> env, UnaryOperator<String> refusal) {
        String dir = env.getOrDefault("SLUICE_DATA_DIR", "sluice-data");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--data-dir")) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException("--data-dir needs a value");
                }
                dir = args.get(++i);
            } else if (arg.startsWith("--data-dir=")) {
                dir = arg.substring("--data-dir=".length());
            } else {
                throw new UsageException(refusal.apply(arg));
            }
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }
}
