package io.healthsync.cli;

import io.healthsync.mappings.ConfigError;
import io.healthsync.mappings.ConfigLoader;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.routes.OrgFieldCheck;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the config directory (every file, key, type and range); with --org also ask Salesforce "
                + "whether every mapped field exists and is updateable.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--org", description = "Also check the mapped fields against the org (needs credentials).")
    boolean org;

    @Override
    public Integer call() throws Exception {
        List<ConfigError> errors = ConfigLoader.validate(common.config);
        String where = common.config == null ? "the shipped defaults" : common.config.toString();
        if (!errors.isEmpty()) {
            System.out.println("Config in " + where + " has " + errors.size() + " error(s):");
            errors.forEach(e -> System.out.println("  " + e));
            return 2;
        }
        System.out.println("Config in " + where + " is valid.");
        if (!org) {
            return 0;
        }
        HealthsyncConfig config = common.loadConfig();
        List<String> problems = OrgFieldCheck.problems(config, System.getenv());
        if (problems.isEmpty()) {
            System.out.println("Every mapped field exists in the org at " + config.sources().salesforce().loginUrl()
                    + " and the ones written are updateable.");
            return 0;
        }
        System.out.println("The org at " + config.sources().salesforce().loginUrl() + " disagrees with fields.yaml:");
        problems.forEach(p -> System.out.println("  " + p));
        return 2;
    }
}
