package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SandboxDataGeneratorTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static SandboxOrg org;
    private static long generationMillis;

    @BeforeAll
    static void generate() {
        long start = System.nanoTime();
        org = generate(42, 2000);
        generationMillis = (System.nanoTime() - start) / 1_000_000;
    }

    private static SandboxOrg generate(long seed, int accounts) {
        return new SandboxDataGenerator(new SandboxSchema()).generate(seed, accounts, DAY);
    }

    @Test
    void twoThousandAccountsGenerateQuickly() {
        assertThat(org.table("Account").count()).isEqualTo(2000);
        assertThat(generationMillis).isLessThan(3_000);
    }

    @Test
    void theCompanyHasTheExpectedShape() {
        assertThat(org.table("User").count()).isEqualTo(2000 / 80 + 1);
        assertThat(org.table("Task").count()).isBetween(2000 * 9, 2000 * 15);
        // about 3 a account, plus the planted touchpoints before renewals (about 1 an account)
        assertThat(org.table("Event").count()).isBetween(2000 * 3, 2000 * 5);
        assertThat(org.table("Opportunity").count()).isBetween(2000 * 3 / 2, 2000 * 3);

        Map<Object, Integer> segments = count("Account", "Customer_Segment__c");
        assertThat(segments.get("Enterprise")).isBetween(200, 400);
        assertThat(segments.get("Mid-Market")).isBetween(550, 850);
        assertThat(segments.get("SMB")).isBetween(850, 1150);
        assertThat(count("Account", "Health_Score__c")).containsOnlyKeys((Object) null);
        assertThat(count("User", "Title")).containsKeys("CSM", "Account Executive", "CS Manager");
        assertThat(count("Opportunity", "IsClosed")).containsKeys(true, false);
    }

    @Test
    void subjectsAreAsMessyAsRealOnes() {
        Map<Object, Integer> subjects = count("Task", "Subject");
        assertThat(subjects).containsKeys("Check-in call", "check in call", "Touch base", "Follow-up email",
                "Sent email: pricing", "misc", "FYI", "pinged them on slack", "N/A", null);
        assertThat(count("Event", "Subject").keySet()).anyMatch(s -> s != null && s.toString().matches("Q[1-4] QBR"));
    }

    @Test
    void someAccountsHaveNoActivityAtAllAndSomeNoneInMonths() {
        Map<String, Instant> lastTouch = new HashMap<>();
        SObjectTable tasks = org.table("Task");
        for (Object[] task : tasks.rows()) {
            lastTouch.merge((String) tasks.value(task, "AccountId"),
                    OrgTimeline.atStartOf((LocalDate) tasks.value(task, "ActivityDate")),
                    (a, b) -> a.isAfter(b) ? a : b);
        }
        int untouched = org.table("Account").count() - lastTouch.size();
        Instant threeMonthsAgo = OrgTimeline.atStartOf(DAY.minusDays(90));
        long quiet = lastTouch.values().stream().filter(t -> t.isBefore(threeMonthsAgo)).count();
        long recent = lastTouch.values().stream().filter(t -> t.isAfter(OrgTimeline.atStartOf(DAY.minusDays(8)))).count();

        assertThat(untouched).isBetween(20, 120);
        assertThat(quiet).isGreaterThan(200);
        assertThat(recent).isGreaterThan(400);
    }

    @Test
    void bulkLoadsLeaveThousandsOfRecordsOnTheSameSystemModstamp() {
        assertThat(largestTie("Task")).isGreaterThan(1000);
        assertThat(largestTie("Account")).isGreaterThan(300);
        assertThat(largestTie("Opportunity")).isGreaterThan(300);
    }

    @Test
    void everySystemTimestampIsBeforeTheDayItWasGeneratedFor() {
        Instant dayStart = DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (SObjectTable table : org.tables()) {
            for (String field : List.of("CreatedDate", "LastModifiedDate", "SystemModstamp")) {
                for (Object[] row : table.rows()) {
                    assertThat((Instant) table.value(row, field)).isBefore(dayStart);
                }
            }
            for (Object[] row : table.rows()) {
                Instant created = (Instant) table.value(row, "CreatedDate");
                assertThat((Instant) table.value(row, "SystemModstamp")).isAfterOrEqualTo(created);
            }
        }
    }

    @Test
    void idsAreUniqueEighteenCharactersWellFormedAndSortInCreationOrder() {
        Set<String> all = new HashSet<>();
        for (SObjectTable table : org.tables()) {
            String previous = "";
            for (Object[] row : table.rows()) {
                String id = (String) row[0];
                assertThat(id).hasSize(18).startsWith(table.schema().keyPrefix());
                assertThat(SalesforceIds.isWellFormed(id)).isTrue();
                assertThat(id.compareTo(previous)).isPositive();
                previous = id;
                all.add(id);
            }
        }
        int total = 0;
        for (SObjectTable table : org.tables()) {
            total += table.count();
        }
        assertThat(all).hasSize(total);
    }

    @Test
    void theSameSeedGivesTheSameOrgAndAnotherSeedAnotherOne() {
        SandboxOrg first = generate(7, 150);
        SandboxOrg again = generate(7, 150);
        SandboxOrg other = generate(8, 150);

        for (String sobject : List.of("User", "Account", "Task", "Event", "Opportunity")) {
            assertThat(rows(again, sobject)).isEqualTo(rows(first, sobject));
        }
        assertThat(values(other, "Account", "Name")).isNotEqualTo(values(first, "Account", "Name"));
        assertThat(values(other, "Account", "Id")).doesNotContainAnyElementsOf(values(first, "Account", "Id"));
    }

    private static Map<Object, Integer> count(String sobject, String field) {
        SObjectTable table = org.table(sobject);
        Map<Object, Integer> counts = new HashMap<>();
        for (Object[] row : table.rows()) {
            counts.merge(table.value(row, field), 1, Integer::sum);
        }
        return counts;
    }

    private static int largestTie(String sobject) {
        return count(sobject, "SystemModstamp").values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static List<Map<String, Object>> rows(SandboxOrg source, String sobject) {
        SObjectTable table = source.table(sobject);
        List<Map<String, Object>> rows = new ArrayList<>();
        table.rows().forEach(row -> rows.add(table.asMap(row)));
        return rows;
    }

    private static Collection<Object> values(SandboxOrg source, String sobject, String field) {
        SObjectTable table = source.table(sobject);
        List<Object> values = new ArrayList<>();
        table.rows().forEach(row -> values.add(table.value(row, field)));
        return values;
    }
}
