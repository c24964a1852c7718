package io.healthsync.cli;

import io.healthsync.mappings.ConfigLoader;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "init-config", mixinStandardHelpOptions = true,
        description = "Copy the shipped default YAML files (taxonomy, fields, scorecard, sources, identity, playbooks; each setting "
                + "commented) into DIR, to edit them.",
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync init-config my-config",
                "  healthsync init-config /etc/healthsync",
                ExitCodes.FOOTER})
final class InitConfigCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Directory to write the files to; created when missing. "
            + "A file already there is never overwritten (the command stops instead).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        try {
            ConfigLoader.writeDefaults(dir);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof FileAlreadyExistsException)) {
                throw e;
            }
            System.err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        System.out.println("Wrote the default config to " + dir + "; edit it, then: healthsync validate --config " + dir);
        return ExitCodes.OK;
    }
}
