package io.healthsync.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes a request the way an org does: OAuth first, then (when injected) a transient outage, then the bearer
 * check, then the daily allowance, then the resource. Data calls are served one at a time (the org state is
 * not thread-safe), and every data response but an outage's carries Sforce-Limit-Info.
 */
final class SandboxRouter {

    private static final Pattern DATA = Pattern.compile("^/services/data/(v\\d+\\.\\d+)(/.*)?$");
    private static final Pattern QUERY_MORE = Pattern.compile("^/(query|queryAll)/([^/?]+)$");
    private static final Pattern DESCRIBE = Pattern.compile("^/sobjects/([^/]+)/describe/?$");
    private static final Pattern UPSERT = Pattern.compile("^/composite/sobjects/([^/]+)/([^/]+)/?$");
    private static final Pattern INGEST_JOB = Pattern.compile("^/jobs/ingest/([^/]+)/?$");
    private static final Pattern QUERY_JOB = Pattern.compile("^/jobs/query/([^/]+)/?$");
    private static final Pattern QUERY_RESULTS = Pattern.compile("^/jobs/query/([^/]+)/results/?$");
    private static final Pattern INGEST_PART = Pattern.compile(
            "^/jobs/ingest/([^/]+)/(batches|successfulResults|failedResults|unprocessedrecords)/?$");

    private final SandboxOrg org;
    private final SandboxOptions options;
    private final OAuthEndpoint oauth;
    private final QueryEndpoint queries;
    private final CollectionsWriter writer;
    private final BulkIngest bulk;
    private final BulkQuery bulkQuery;
    private final TransientFaults faults;
    /** Told the records of each write call that wrote any, before the call is answered. */
    private final Consumer<Map<SObjectTable, List<String>>> afterWrite;
    private final Clock clock;
    private final Object lock;
    private Supplier<String> baseUrl = () -> "http://localhost";

    /** Collections write calls that came while a Bulk API 2.0 ingest job was unfinished. */
    private int collectionsCallsDuringBulkIngest;

    SandboxRouter(SandboxOrg org, SandboxOptions options, Clock clock, Object lock,
                  Consumer<Map<SObjectTable, List<String>>> afterWrite) {
        this.org = org;
        this.options = options;
        this.oauth = new OAuthEndpoint(org.orgId(), org.integrationUserId(), options.sessionTtlCalls());
        this.queries = new QueryEndpoint(org, options.queryLocatorMaxPages());
        RecordWriter records = new RecordWriter(org);
        this.writer = new CollectionsWriter(org, records, options.perRecordFailureRate());
        this.bulk = new BulkIngest(org, records, options, afterWrite, lock);
        this.bulkQuery = new BulkQuery(org, options);
        this.faults = new TransientFaults(org.seed(), options.transientFaultRate());
        this.afterWrite = afterWrite;
        this.clock = clock;
        this.lock = lock;
    }

    /** See {@link SalesforceSandbox#bulkIngestJobsAtOnce()}; called under the lock. */
    int bulkIngestJobsAtOnce() {
        return bulk.mostJobsAtOnce();
    }

    /** See {@link SalesforceSandbox#collectionsCallsDuringBulkIngest()}; called under the lock. */
    int collectionsCallsDuringBulkIngest() {
        return collectionsCallsDuringBulkIngest;
    }

    void baseUrl(Supplier<String> value) {
        this.baseUrl = value;
    }

    /** A request as the router needs it: method, path, raw query string, a header lookup and the body. */
    record Request(String method, String path, String query, Function<String, String> header, String body) {
    }

    SandboxResponse handle(Request request) {
        String path = request.path();
        if (path.equals("/services/oauth2/token")) {
            tally("oauth_token");
            return request.method().equals("POST") ? oauth.token(request.body(), baseUrl.get())
                    : methodNotAllowed(request.method(), "POST");
        }
        if (path.equals("/services/oauth2/revoke")) {
            tally("oauth_revoke");
            return oauth.revoke(request.query(), request.body());
        }
        if (path.equals("/services/data") || path.equals("/services/data/")) {
            // the version list is public on a real org: no session needed, not counted, no limit header
            tally("versions");
            return OrgInfoEndpoints.versions();
        }
        if (DATA.matcher(path).matches() && faults.strikes()) {
            // Turned away before anything happens: no session call used up, nothing read or written, and not
            // counted against the daily allowance, since the request never reached the API layer that counts
            // calls (an instance in maintenance or failing over answers like this). The tally is only a report.
            tally("server_unavailable");
            return TransientFaults.serverUnavailable();
        }
        if (!oauth.authorize(request.header().apply("Authorization"))) {
            tally("invalid_session");
            return SandboxResponse.error(401, "INVALID_SESSION_ID", "Session expired or invalid");
        }
        synchronized (lock) {
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            ServedApiCalls usage = org.usage();
            if (usage.exhausted(options.dailyApiLimit(), today)) {
                usage.tally("limit_exceeded");
                return SandboxResponse.error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
                        .withHeader("Sforce-Limit-Info", limitInfo(today));
            }
            usage.countCall(today);
            return data(request, today).withHeader("Sforce-Limit-Info", limitInfo(today));
        }
    }

    private SandboxResponse data(Request request, LocalDate today) {
        Matcher data = DATA.matcher(request.path());
        if (!data.matches()) {
            tally("not_found");
            return SandboxResponse.notFound();
        }
        String version = data.group(1);
        String rest = data.group(2) == null ? "" : data.group(2);
        String method = request.method();
        if (rest.isEmpty() || rest.equals("/")) {
            return get(method, "resources", () -> resources(version));
        }
        if (rest.equals("/limits") || rest.equals("/limits/")) {
            return get(method, "limits", () -> OrgInfoEndpoints.limits(options.dailyApiLimit(),
                    org.usage().usedToday(today)));
        }
        if (rest.matches("/query/?|/queryAll/?")) {
            boolean all = rest.startsWith("/queryAll");
            String soql = UrlForms.parse(request.query()).get("q");
            return get(method, all ? "queryAll" : "query", () -> queries.query(soql,
                    request.header().apply("Sforce-Query-Options"), version, all, clock.instant()));
        }
        Matcher more = QUERY_MORE.matcher(rest);
        if (more.matches()) {
            return get(method, "queryMore", () -> queries.more(more.group(2), version, clock.instant()));
        }
        if (rest.equals("/sobjects") || rest.equals("/sobjects/")) {
            return get(method, "describeGlobal", () -> SandboxResponse.json(200,
                    SandboxDescribe.global(org.schema().all(), version)));
        }
        Matcher describe = DESCRIBE.matcher(rest);
        if (describe.matches()) {
            return get(method, "describe", () -> org.schema().find(describe.group(1))
                    .map(schema -> SandboxResponse.json(200, SandboxDescribe.describe(schema, version)))
                    .orElseGet(SandboxResponse::notFound));
        }
        if (rest.equals("/composite/sobjects") || rest.equals("/composite/sobjects/")) {
            return collections(request);
        }
        Matcher upsert = UPSERT.matcher(rest);
        if (upsert.matches()) {
            return upsert(request, upsert.group(1), upsert.group(2));
        }
        if (rest.startsWith("/jobs/ingest")) {
            return ingest(request, rest, version);
        }
        if (rest.startsWith("/jobs/query")) {
            return queryJob(request, rest, version);
        }
        tally("not_found");
        return SandboxResponse.notFound();
    }

    private SandboxResponse collections(Request request) {
        boolean create = request.method().equals("POST");
        if (!create && !request.method().equals("PATCH")) {
            tally("method_not_allowed");
            return methodNotAllowed(request.method(), "PATCH,POST");
        }
        tally(create ? "collections_create" : "collections_update");
        countIfDuringBulkIngest();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        CollectionsWriter.Outcome outcome = writer.write(request.body(), create, now);
        if (outcome.wrote()) {
            afterWrite.accept(outcome.written());
        }
        return outcome.response();
    }

    private void countIfDuringBulkIngest() {
        if (bulk.anyUnfinished()) {
            collectionsCallsDuringBulkIngest++;
        }
    }

    private SandboxResponse upsert(Request request, String sobject, String keyField) {
        if (!request.method().equals("PATCH")) {
            tally("method_not_allowed");
            return methodNotAllowed(request.method(), "PATCH");
        }
        tally("collections_upsert");
        countIfDuringBulkIngest();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        CollectionsWriter.Outcome outcome = writer.upsert(sobject, keyField, request.body(), now);
        if (outcome.wrote()) {
            afterWrite.accept(outcome.written());
        }
        return outcome.response();
    }

    /** Bulk API 2.0 ingest: each call tallied by what it does (bulk_create_job, bulk_upload, ...). */
    private SandboxResponse ingest(Request request, String rest, String version) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String method = request.method();
        if (rest.equals("/jobs/ingest") || rest.equals("/jobs/ingest/")) {
            if (method.equals("POST")) {
                tally("bulk_create_job");
                return bulk.create(request.body(), version, now);
            }
            return get(method, "bulk_list_jobs", () -> bulk.list(version));
        }
        Matcher part = INGEST_PART.matcher(rest);
        if (part.matches()) {
            String id = part.group(1);
            return switch (part.group(2)) {
                case "batches" -> {
                    if (!method.equals("PUT")) {
                        tally("method_not_allowed");
                        yield methodNotAllowed(method, "PUT");
                    }
                    tally("bulk_upload");
                    yield bulk.upload(id, request.header().apply("Content-Type"), request.body(), now);
                }
                case "successfulResults" -> get(method, "bulk_results", () -> bulk.successfulResults(id));
                case "failedResults" -> get(method, "bulk_results", () -> bulk.failedResults(id));
                default -> get(method, "bulk_results", () -> bulk.unprocessedRecords(id));
            };
        }
        Matcher job = INGEST_JOB.matcher(rest);
        if (job.matches()) {
            String id = job.group(1);
            switch (method) {
                case "PATCH" -> {
                    tally("bulk_change_state");
                    return bulk.changeState(id, request.body(), now);
                }
                case "DELETE" -> {
                    tally("bulk_delete_job");
                    return bulk.delete(id);
                }
                default -> {
                    return get(method, "bulk_job_info", () -> bulk.info(id, version, now));
                }
            }
        }
        tally("not_found");
        return SandboxResponse.notFound();
    }

    /** Bulk API 2.0 query jobs: each call tallied by what it does (bulk_query_create, bulk_query_results, ...). */
    private SandboxResponse queryJob(Request request, String rest, String version) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String method = request.method();
        if (rest.equals("/jobs/query") || rest.equals("/jobs/query/")) {
            if (method.equals("POST")) {
                tally("bulk_query_create");
                return bulkQuery.create(request.body(), version, now);
            }
            return get(method, "bulk_query_list", bulkQuery::list);
        }
        Matcher results = QUERY_RESULTS.matcher(rest);
        if (results.matches()) {
            return get(method, "bulk_query_results", () -> bulkQuery.results(results.group(1), request.query()));
        }
        Matcher job = QUERY_JOB.matcher(rest);
        if (job.matches()) {
            String id = job.group(1);
            switch (method) {
                case "PATCH" -> {
                    tally("bulk_query_abort");
                    return bulkQuery.abort(id, request.body(), now);
                }
                case "DELETE" -> {
                    tally("bulk_query_delete");
                    return bulkQuery.delete(id);
                }
                default -> {
                    return get(method, "bulk_query_info", () -> bulkQuery.info(id, now));
                }
            }
        }
        tally("not_found");
        return SandboxResponse.notFound();
    }

    private SandboxResponse get(String method, String kind, Supplier<SandboxResponse> handler) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            tally("method_not_allowed");
            return methodNotAllowed(method, "GET,HEAD");
        }
        tally(kind);
        return handler.get();
    }

    private static SandboxResponse resources(String version) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (String resource : new String[] {"composite", "jobs", "limits", "query", "queryAll", "sobjects"}) {
            body.put(resource, "/services/data/" + version + "/" + resource);
        }
        return SandboxResponse.json(200, body);
    }

    private static SandboxResponse methodNotAllowed(String method, String allowed) {
        return SandboxResponse.error(405, "METHOD_NOT_ALLOWED",
                "HTTP Method '" + method + "' not allowed. Allowed are " + allowed);
    }

    private String limitInfo(LocalDate today) {
        return "api-usage=" + org.usage().usedToday(today) + "/" + options.dailyApiLimit();
    }

    private void tally(String kind) {
        synchronized (lock) {
            org.usage().tally(kind);
        }
    }
}
