package io.healthsync.connectors.salesforce;

/** Asked before each further Salesforce call of a run: may the run go on spending API calls? */
@FunctionalInterface
public interface ApiBudgetCheck {

    ApiBudgetCheck UNLIMITED = () -> { };

    /** @throws ApiBudgetExceededException when the run must stop calling Salesforce */
    void check();

    /** The run has spent its share of the org's API allowance; it stops cleanly like on REQUEST_LIMIT_EXCEEDED. */
    final class ApiBudgetExceededException extends RuntimeException {
        public ApiBudgetExceededException(String message) {
            super(message);
        }
    }
}
