package io.healthsync.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

final class DataDirs {

    private DataDirs() {
    }

    /**
     * Refuses a data directory that is a file or that this user cannot write (or create), as
     * "OPTION DIR is not writable; ...", so a run does not fail halfway at its first save.
     */
    static void checkWritable(CommandLine command, String option, Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new ParameterException(command, option + " " + dir + (existing.equals(absolute) ? " is a file"
                    : " is under " + existing + ", which is a file") + "; give a directory (it is created when missing)");
        }
        if (!Files.isWritable(existing)) {
            throw new ParameterException(command, option + " " + dir + " is not writable" + (existing.equals(absolute)
                    ? "" : " (" + existing + " cannot be written to create it)")
                    + "; give a directory this user can write");
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
