package io.healthsync.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.connectors.progress.Progress;
import io.healthsync.mappings.FieldMapping;
import io.healthsync.mappings.SourcesConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of an incremental pull that the route strings together: choose the fields the org really
 * has, build the SOQL from the stored cursor, and map + store each page with its cursor.
 */
public final class SalesforcePull {

    public static final String OBJECT = "healthsync.sfObject";
    public static final String REPORT = "healthsync.pullReport";
    public static final String MORE_PAGES = "healthsync.morePages";
    public static final String QUERY_HEADER = "sObjectQuery";
    private static final String STARTED_AT = "healthsync.pullStartedAt";
    private static final String QUERY_ALL = "healthsync.queryAll";
    /** The SOQL of a bulk query job, set when the object has no cursor yet (its first pull). */
    private static final String BACKFILL_SOQL = "healthsync.backfillSoql";
    private static final String PROGRESS = "healthsync.pullProgress";
    /** How this pull of the object tells its pages' echoes, chosen at its first page by how many records it has. */
    private static final String ECHO_CHECK = "healthsync.echoCheck";
    /** Re-queries after an expired locator within one run, before the object is reported failed. */
    static final int MAX_REQUERIES = 3;

    private static final Logger LOG = LoggerFactory.getLogger(SalesforcePull.class);

    private final SourcesConfig.Salesforce settings;
    private final FieldMapping fieldMapping;
    private final SalesforceRecordMapper mapper;
    private final SalesforcePageSink sink;
    private final SalesforceDescribeCache describes;
    private final Clock clock;
    private final ApiBudgetCheck budget;
    private final BulkQueryBackfill bulk;
    private final ObjectMapper json = new ObjectMapper();

    public SalesforcePull(SourcesConfig.Salesforce settings, FieldMapping fieldMapping, SalesforceRecordMapper mapper,
                          SalesforcePageSink sink, SalesforceDescribeCache describes, Clock clock,
                          ApiBudgetCheck budget) {
        this(settings, fieldMapping, mapper, sink, describes, clock, budget,
                BulkQueryOptions.withThreshold(settings.bulkQueryThreshold()));
    }

    /** @param bulkQuery when a first pull goes through a Bulk API 2.0 query job, and how it is polled and read */
    public SalesforcePull(SourcesConfig.Salesforce settings, FieldMapping fieldMapping, SalesforceRecordMapper mapper,
                          SalesforcePageSink sink, SalesforceDescribeCache describes, Clock clock,
                          ApiBudgetCheck budget, BulkQueryOptions bulkQuery) {
        this.bulk = new BulkQueryBackfill(bulkQuery, settings.apiVersion(), mapper, sink, budget);
        this.budget = budget;
        this.settings = settings;
        this.fieldMapping = fieldMapping;
        this.mapper = mapper;
        this.sink = sink;
        this.describes = describes;
        this.clock = clock;
    }

    /** The objects to pull, in dependency order: owners and accounts before what refers to them. */
    public List<SalesforceObject> objectsToPull() {
        List<SalesforceObject> objects = new ArrayList<>();
        for (SalesforceObject object : SalesforceObject.values()) {
            if (settings.objects().stream().anyMatch(o -> o.equalsIgnoreCase(object.apiName()))) {
                objects.add(object);
            }
        }
        return objects;
    }

    /** No describe, or an archived one that lacks a field we want (it may exist by now). */
    public boolean needsDescribe(Exchange exchange) {
        SalesforceObject object = object(exchange);
        return describes.get(object.apiName())
                .map(describe -> !describes.fetchedNow(object.apiName())
                        && !wantedFields(object).stream().allMatch(field -> describe.field(field).isPresent()))
                .orElse(true);
    }

    /** After Salesforce rejected a query on the object: its fields may have changed. */
    public void forgetDescribe(SalesforceObject object) {
        describes.forget(object.apiName());
    }

    public void rememberDescribe(Exchange exchange) throws Exception {
        describes.put(object(exchange).apiName(), SObjectDescribe.parse(exchange.getMessage().getBody(String.class)));
    }

    /** Sets the first query of this object's pull, from the stored cursor. */
    public void prepareFirstQuery(Exchange exchange) {
        budget.check();
        SalesforceObject object = object(exchange);
        SObjectDescribe describe = describes.get(object.apiName()).orElseThrow();
        PullReport.ObjectPull report = report(exchange).object(object.apiName());
        List<String> fields = new ArrayList<>();
        for (String wanted : wantedFields(object)) {
            var field = describe.field(wanted);
            if (field.isPresent()) {
                fields.add(field.get().name());
            } else if (SalesforceObject.REQUIRED_FIELDS.contains(wanted)) {
                throw new IllegalStateException(object.apiName() + " has no field " + wanted + " in this org");
            } else {
                report.skippedFields.add(wanted);
            }
        }
        if (!report.skippedFields.isEmpty()) {
            LOG.warn("{}: the org has no field(s) {}; pulling without them (check fields.yaml)",
                    object.apiName(), report.skippedFields);
        }
        SalesforceCursor cursor = sink.cursor(object).orElse(null);
        exchange.setProperty(STARTED_AT, clock.instant());
        exchange.setProperty(PROGRESS, Progress.start("pull " + object.apiName()));
        boolean queryAll = object.deletable() && fields.contains("IsDeleted") && !report(exchange).queryAllRefused();
        exchange.setProperty(QUERY_ALL, queryAll);
        if (!queryAll && object.deletable()) {
            fields.remove("IsDeleted"); // query (not queryAll) only ever returns live records
        }
        LocalDate historyStart = LocalDate.now(clock).minusDays(settings.historyDays());
        String soql = SoqlBuilder.incremental(object, fields, cursor, settings.lookbackSeconds(), historyStart);
        exchange.getMessage().setHeader(QUERY_HEADER, soql);
        exchange.setProperty(BACKFILL_SOQL, cursor == null ? SoqlBuilder.backfill(object, fields, historyStart) : null);
        exchange.getMessage().setHeader("Sforce-Query-Options", "batchSize=" + settings.pageSize());
        LOG.info("{}: pulling {}", object.apiName(), cursor == null ? "everything (no cursor yet)"
                : "changes since " + cursor.modstamp() + " / " + cursor.lastId());
    }

    /**
     * The answer to the object's first query. On a first pull (no cursor) of more records than the bulk query
     * threshold, its records are left to a Bulk API 2.0 query job (one job and a results call per
     * {@link BulkQueryOptions#maxRecordsPerPage()} records, instead of a query call per page); otherwise the
     * page is stored as any other. The query's totalSize is the object's count: no separate COUNT() call.
     */
    public void storeFirstPage(Exchange exchange) throws Exception {
        SalesforceObject object = object(exchange);
        JsonNode body = json.readTree(exchange.getMessage().getBody(String.class));
        String backfill = exchange.getProperty(BACKFILL_SOQL, String.class);
        long total = body.path("totalSize").asLong();
        if (backfill != null && bulk.options().backfillsInBulk(total)) {
            exchange.setProperty(MORE_PAGES, false);
            LOG.info("{}: {} records to pull, above the bulk query threshold of {}: reading them through one Bulk API "
                    + "2.0 query job", object.apiName(), total, bulk.options().threshold());
            sink.backfillBegins(object);
            bulk.start(exchange, object, backfill, queriesAll(exchange));
            return;
        }
        exchange.setProperty(ECHO_CHECK, sink.echoCheck(object, total));
        storePage(exchange, body);
    }

    /**
     * Maps one page, hands it to be stored with its cursor in one transaction (behind the route: the next page is
     * fetched meanwhile), and points the next call at nextRecordsUrl.
     */
    public void storePage(Exchange exchange) throws Exception {
        storePage(exchange, json.readTree(exchange.getMessage().getBody(String.class)));
    }

    private void storePage(Exchange exchange, JsonNode body) {
        SalesforceObject object = object(exchange);
        PulledPage page = mapper.map(object, body.get("records"));
        PullReport.ObjectPull report = report(exchange).object(object.apiName());
        report.countPage(page, 0);
        int number = report.pages;
        long soFar = report.records;
        long total = body.path("totalSize").asLong(-1);
        Progress progress = exchange.getProperty(PROGRESS, Progress.class);
        SalesforcePageSink.EchoCheck echoCheck = exchange.getProperty(ECHO_CHECK, SalesforcePageSink.EchoCheck.class);
        PagesStoredBehind.of(exchange, object).store(() -> {
            // told just before the page is stored, as the store keeps only what an echo holds in our fields: after
            // a full write every Account comes back, and storing 100,000 whole rows again was most of the pull
            PageEchoes echoes = echoCheck == null ? sink.echoes(page) : echoCheck.echoes(page);
            sink.store(page, echoes);
            synchronized (report) {
                report.echoes += echoes.count();
            }
            progress.advance(page.records(), total);
            LOG.info("{}: page {} stored, {} records ({} quarantined), {} of {} so far", object.apiName(), number,
                    page.records(), page.quarantined().size(), soFar, total);
        });
        String next = body.path("nextRecordsUrl").asText(null);
        boolean more = !body.path("done").asBoolean(true) && next != null;
        exchange.setProperty(MORE_PAGES, more);
        if (more) {
            exchange.getMessage().setHeader(QUERY_HEADER, next);
            budget.check(); // a stop here waits for this page and its cursor to be stored: it loses nothing
        }
    }

    /** The object's pull progress (records done of the total), for the pages the bulk query path stores. */
    static Progress progress(Exchange exchange) {
        return exchange.getProperty(PROGRESS, Progress.class);
    }

    /** queryAll for objects whose deletions must reach the store (it returns deleted records, with IsDeleted). */
    public static boolean queriesAll(Exchange exchange) {
        return exchange.getProperty(QUERY_ALL, false, Boolean.class);
    }

    /**
     * The object's pull reached its last page. Everything stamped before the lookback window of the moment
     * the pull began has now been read with that window passed, so the next pull need not re-read it.
     */
    public void finishObject(Exchange exchange) {
        PagesStoredBehind.finish(exchange); // its last page stored, or its failure thrown, before anything is marked
        SalesforceObject object = object(exchange);
        PullReport.ObjectPull pulled = report(exchange).object(object.apiName());
        exchange.removeProperty(ECHO_CHECK); // what it compared with is let go with the pull
        if (pulled.failure != null || pulled.requeryPending) {
            return; // a bulk query job that failed (or whose failure was handled): the cursor stays where it was
        }
        Instant started = exchange.getProperty(STARTED_AT, Instant.class);
        sink.markComplete(object, started.minusSeconds(settings.lookbackSeconds()), clock.instant());
        report(exchange).object(object.apiName()).complete = true;
        exchange.getProperty(PROGRESS, Progress.class).finish();
    }

    /** The pull is over: the store builds whatever its backfills set aside (indexes of tables they filled). */
    public void backfillsDone() {
        sink.backfillsDone();
    }

    /** The query locator expired (Salesforce keeps them for about 15 minutes): query again from the stored cursor. */
    public void requeryAfterExpiredLocator(Exchange exchange) {
        SalesforceObject object = object(exchange);
        PullReport.ObjectPull report = report(exchange).object(object.apiName());
        report.requeries++;
        report.requeryPending = report.requeries <= MAX_REQUERIES;
        LOG.warn("{}: the query locator expired after {} pages; {}", object.apiName(), report.pages,
                report.requeries <= MAX_REQUERIES ? "querying again from the stored cursor"
                        : "gave up after " + MAX_REQUERIES + " re-queries; the next run resumes from the stored cursor");
        if (report.requeries > MAX_REQUERIES) {
            report.failure = "QUERY_LOCATOR_EXPIRED: the query locator expired " + report.requeries + " times";
        }
    }

    /**
     * The org answered queryAll with 404 (a stand-in or proxy without it): pull the object again with query,
     * which cannot see deletions, and say so. True when that fallback applies to this failure.
     */
    public boolean fallBackFromQueryAll(Exchange exchange, String description) {
        SalesforceObject object = object(exchange);
        PullReport.ObjectPull pulled = report(exchange).object(object.apiName());
        if (!queriesAll(exchange) || pulled.pages > 0 || !description.startsWith("HTTP 404")) {
            return false;
        }
        report(exchange).refuseQueryAll();
        pulled.requeryPending = true;
        LOG.warn("{}: the org does not answer queryAll ({}); pulling with query, so deletions are not seen",
                object.apiName(), description);
        return true;
    }

    /**
     * Why Salesforce is out of reach, in one line that names the URL, the cause and what to check; the
     * description is Salesforce's (or the network's) own words.
     */
    public String explainSourceDown(SalesforceErrorKind kind, String description) {
        String url = settings.loginUrl();
        String lower = description.toLowerCase(Locale.ROOT);
        if (lower.contains("invalid_client") || lower.contains("invalid_grant") || lower.contains("authentication failure")) {
            return "Salesforce at " + url + " refused the login (" + description + "); check the connected app's "
                    + "credentials named in sources.yaml salesforce.auth (SF_CLIENT_ID, SF_CLIENT_SECRET, ...)";
        }
        if (lower.contains("unsupported_grant_type") || lower.contains("not supported on this domain")) {
            return "Salesforce at " + url + " does not allow this login flow there (" + description + "); the "
                    + "client-credentials flow needs your org's My Domain URL (https://MYDOMAIN.my.salesforce.com) "
                    + "in sources.yaml salesforce.login_url";
        }
        if (kind == SalesforceErrorKind.CONFIGURATION) {
            return "cannot use Salesforce at " + url + " (" + description + "); check sources.yaml salesforce.login_url "
                    + "(or --login-url, HEALTHSYNC_SALESFORCE_LOGIN_URL) and the credentials";
        }
        return "cannot reach Salesforce at " + url + " (" + description + "); the next run tries again "
                + "(check sources.yaml salesforce.login_url, --login-url or HEALTHSYNC_SALESFORCE_LOGIN_URL if it persists)";
    }

    private Set<String> wantedFields(SalesforceObject object) {
        Set<String> fields = new LinkedHashSet<>(object.standardFields());
        if (object == SalesforceObject.ACCOUNT) {
            fields.addAll(fieldMapping.accountRead().values());
            fields.addAll(fieldMapping.accountWrite().values());
        }
        return fields;
    }

    private static SalesforceObject object(Exchange exchange) {
        return exchange.getProperty(OBJECT, SalesforceObject.class);
    }

    /** The bulk query steps, for the routes. */
    BulkQueryBackfill bulk() {
        return bulk;
    }

    static PullReport report(Exchange exchange) {
        return exchange.getProperty(REPORT, PullReport.class);
    }
}
