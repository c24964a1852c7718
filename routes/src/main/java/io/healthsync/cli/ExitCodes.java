package io.healthsync.cli;

import io.healthsync.routes.RunReport;

/**
 * The one exit-code scheme of every healthsync command, so a scheduler or a script can tell "fix the
 * config" from "look at the org" from "some records need another run":
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><th>code</th><th>meaning</th><th>for example</th></tr>
 *   <tr><td>0</td><td>done</td><td>a run whose status is ok; a valid config; help printed</td></tr>
 *   <tr><td>1</td><td>failed: nothing, or not everything that should have run, could be done</td>
 *       <td>a run whose status is failed (writes held after an incomplete pull), an unreachable org or a
 *       refused login, a port in use, an internal error</td></tr>
 *   <tr><td>2</td><td>usage or configuration error: fix the command or the config, then run again</td>
 *       <td>a bad option value, invalid YAML, a config directory that does not exist, missing credentials,
 *       a data directory that cannot be written, a demo org made with other options</td></tr>
 *   <tr><td>3</td><td>done with problems: the run finished, but not everything was written or pulled</td>
 *       <td>a run whose status is partial: records Salesforce refused, a source pulled partially, writes
 *       stopped early (API limit); the next run picks up the rest</td></tr>
 * </table>
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int PARTIAL = 3;

    /** The scheme in words, the last section of every command's help. */
    static final String FOOTER = "%nExit codes:%n"
            + "  0  done%n"
            + "  1  failed: org unreachable or login refused, writes held, internal error%n"
            + "  2  usage or config error: bad option, invalid YAML, missing credentials%n"
            + "  3  done with problems: records not written, partial pull, writes stopped%n";

    private ExitCodes() {
    }

    /** The exit code of a run by its {@link RunReport#status}: ok 0, partial 3, failed (or none) 1. */
    public static int of(RunReport report) {
        if (report == null || report.status == null) {
            return FAILED;
        }
        return switch (report.status) {
            case "ok" -> OK;
            case "partial" -> PARTIAL;
            default -> FAILED;
        };
    }
}
