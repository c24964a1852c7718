package io.healthsync.cli;

import io.healthsync.mappings.SourcesConfig;
import io.healthsync.store.JdbcStore;
import io.healthsync.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Forgets a source's cursors (or one stream's), so its next pull reads everything again: after a mapping
 * changed what a record becomes, or to backfill what an older version did not derive. Records upsert, so
 * nothing is duplicated; it only costs the API calls of a first pull.
 */
@Command(name = "resync", mixinStandardHelpOptions = true,
        description = "Forget a source's cursors (or one stream's) so that its next pull reads everything again. "
                + "Nothing is duplicated (records upsert); it costs a first pull's API calls.",
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync resync stripe                 # every Stripe stream",
                "  healthsync resync stripe invoices        # one stream ('healthsync status' lists them)",
                "  healthsync resync salesforce Task --data-dir data/demo",
                ExitCodes.FOOTER})
final class ResyncCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "salesforce, zendesk, stripe, amplitude or mixpanel.")
    String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "STREAM",
            description = "One stream of the source (a Salesforce object, a Zendesk or Stripe list); default: all.")
    String stream;

    @Override
    public Integer call() {
        List<String> known = new java.util.ArrayList<>(List.of("salesforce"));
        known.addAll(SourcesConfig.HTTP_SOURCES);
        if (!known.contains(source)) {
            throw new ParameterException(spec.commandLine(), "unknown source '" + source + "'; expected one of: "
                    + String.join(", ", known));
        }
        common.check(Path.of("data"));
        try (JdbcStore store = common.openStore(Path.of("data"))) {
            List<String> streams = store.cursors(source).stream().map(Store.StreamCursor::stream).toList();
            if (stream != null && !streams.contains(stream)) {
                throw new ParameterException(spec.commandLine(), source + " has no stream '" + stream + "' in "
                        + store.describe() + "; its streams: " + (streams.isEmpty() ? "none yet" : String.join(", ", streams)));
            }
            int forgotten = store.forgetCursors(source, stream);
            System.out.println("healthsync resync: forgot " + forgotten + " cursor" + (forgotten == 1 ? "" : "s") + " of "
                    + source + (stream == null ? "" : " " + stream) + "; the next pull reads "
                    + (stream == null ? "all of it" : "it") + " again (" + store.describe() + ")");
            return ExitCodes.OK;
        }
    }
}
