package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SOQL subset against a tiny hand-made org, so every expectation can be checked by eye. */
class SoqlTest {

    private static SandboxOrg org;

    @BeforeAll
    static void smallOrg() {
        org = new SandboxOrg(new SandboxSchema(), 1, 0, LocalDate.of(2026, 1, 1), "005000000000001AAA");
        account("Acme Corp", "Enterprise", 90.0, "2026-01-05T10:00:00Z");
        account("Beta O'Brien LLC", "SMB", null, "2026-01-05T10:00:00Z");
        account("gamma labs", "SMB", 40.0, "2026-01-05T10:00:00Z");
        account("Delta_Co", "Mid-Market", 55.0, "2026-01-06T00:00:00Z");
    }

    private static void account(String name, String segment, Double score, String modstamp) {
        SObjectTable accounts = org.table("Account");
        Object[] row = accounts.newRow();
        row[0] = accounts.nextId();
        accounts.set(row, "IsDeleted", false);
        accounts.set(row, "Name", name);
        accounts.set(row, "Customer_Segment__c", segment);
        accounts.set(row, "Health_Score__c", score);
        accounts.set(row, "Renewal_Date__c", LocalDate.of(2026, 6, 1));
        SandboxDataGenerator.stamp(accounts, row, Instant.parse(modstamp), Instant.parse(modstamp),
                Instant.parse(modstamp));
        accounts.put(row);
    }

    private static List<String> names(String soql) {
        SoqlEvaluator.Result result = SoqlEvaluator.run(org, SoqlParser.parse(soql), false);
        int name = result.fields().stream().map(FieldDef::name).toList().indexOf("Name");
        return result.rows().stream().map(row -> (String) row[name]).toList();
    }

    private static SoqlException error(String soql) {
        try {
            SoqlEvaluator.run(org, SoqlParser.parse(soql), false);
        } catch (SoqlException e) {
            return e;
        }
        throw new AssertionError("expected an error for " + soql);
    }

    @Test
    void equalityOnTextIgnoresCaseAndEscapedQuotesWork() {
        assertThat(names("SELECT Name FROM Account WHERE Name = 'GAMMA LABS'")).containsExactly("gamma labs");
        assertThat(names("SELECT Name FROM Account WHERE Name = 'Beta O\\'Brien LLC'")).containsExactly("Beta O'Brien LLC");
    }

    @Test
    void notEqualsAlsoMatchesEmptyFieldsAsInSoql() {
        assertThat(names("SELECT Name FROM Account WHERE Health_Score__c != 90 ORDER BY Name"))
                .containsExactly("Beta O'Brien LLC", "Delta_Co", "gamma labs");
        assertThat(names("SELECT Name FROM Account WHERE Health_Score__c > 50 ORDER BY Name"))
                .containsExactly("Acme Corp", "Delta_Co");
    }

    @Test
    void parenthesesNotAndOrCombine() {
        assertThat(names("SELECT Name FROM Account WHERE (Customer_Segment__c = 'SMB' AND Health_Score__c = null) "
                + "OR NOT (Health_Score__c < 60) ORDER BY Name")).containsExactly("Acme Corp", "Beta O'Brien LLC");
    }

    @Test
    void mixingAndWithOrWithoutParenthesesIsRefusedAsInSoql() {
        SoqlException e = error("SELECT Name FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'");

        assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
        assertThat(e.getMessage()).contains("ERROR at Row:1:Column:58").endsWith("unexpected token: 'OR'");
    }

    @Test
    void likeUsesPercentAndUnderscoreWildcardsWithEscapes() {
        assertThat(names("SELECT Name FROM Account WHERE Name LIKE 'a%' ORDER BY Name")).containsExactly("Acme Corp");
        assertThat(names("SELECT Name FROM Account WHERE Name LIKE '%\\_%'")).containsExactly("Delta_Co");
        assertThat(names("SELECT Name FROM Account WHERE Name LIKE 'gamm_ labs'")).containsExactly("gamma labs");
    }

    @Test
    void orderByPutsNullsFirstAscendingAndLastDescending() {
        assertThat(names("SELECT Name FROM Account ORDER BY Health_Score__c"))
                .containsExactly("Beta O'Brien LLC", "gamma labs", "Delta_Co", "Acme Corp");
        assertThat(names("SELECT Name FROM Account ORDER BY Health_Score__c DESC"))
                .containsExactly("Acme Corp", "Delta_Co", "gamma labs", "Beta O'Brien LLC");
        assertThat(names("SELECT Name FROM Account ORDER BY Health_Score__c ASC NULLS LAST LIMIT 2 OFFSET 1"))
                .containsExactly("Delta_Co", "Acme Corp");
    }

    @Test
    void datetimeComparisonsAreByInstantWhateverTheLiteralsOffset() {
        assertThat(names("SELECT Name FROM Account WHERE SystemModstamp > 2026-01-05T12:00:00+02:00"))
                .containsExactly("Delta_Co");
        assertThat(names("SELECT Name FROM Account WHERE SystemModstamp = 2026-01-05T10:00:00.000Z")).hasSize(3);
    }

    @Test
    void dateFieldsTakeDateLiterals() {
        assertThat(names("SELECT Name FROM Account WHERE Renewal_Date__c >= 2026-06-01")).hasSize(4);
        assertThat(error("SELECT Name FROM Account WHERE Renewal_Date__c >= 2026-06-01T00:00:00Z").getMessage())
                .endsWith("value of filter criterion for field 'Renewal_Date__c' must be of type date and should not "
                        + "be enclosed in quotes");
    }

    @Test
    void errorsPointAtTheRowAndColumnOfMultiLineQueries() {
        SoqlException e = error("SELECT Id\nFROM Account\nWHERE Bogus__c = 1");

        assertThat(e.errorCode()).isEqualTo("INVALID_FIELD");
        assertThat(e.getMessage()).startsWith("\nWHERE Bogus__c = 1\n      ^\nERROR at Row:3:Column:7\nNo such column 'Bogus__c'");
    }

    @Test
    void relationshipPathsAndDuplicateFieldsAreRefused() {
        assertThat(error("SELECT Owner.Name FROM Account").errorCode()).isEqualTo("INVALID_FIELD");
        assertThat(error("SELECT Id, id FROM Account").getMessage()).endsWith("duplicate field selected: Id");
    }

    @Test
    void aStringThatNeverEndsIsMalformed() {
        assertThatThrownBy(() -> SoqlParser.parse("SELECT Id FROM Account WHERE Name = 'open"))
                .isInstanceOf(SoqlException.class)
                .satisfies(e -> assertThat(((SoqlException) e).errorCode()).isEqualTo("MALFORMED_QUERY"));
    }
}
