package io.healthsync.cli;

import io.healthsync.mappings.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "init-config", mixinStandardHelpOptions = true,
        description = "Copy the shipped default YAML files into DIR, to edit them.")
final class InitConfigCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR")
    Path dir;

    @Override
    public Integer call() throws Exception {
        ConfigLoader.writeDefaults(dir);
        System.out.println("Wrote the default config to " + dir + "; edit it, then: healthsync validate --config " + dir);
        return 0;
    }
}
