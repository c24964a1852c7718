package io.healthsync.store;

import io.healthsync.connectors.salesforce.PageEchoes;
import io.healthsync.connectors.salesforce.PulledPage;
import io.healthsync.connectors.salesforce.SalesforcePageSink;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the echoes of a pull that returns most stored Accounts from {@link AccountEchoes}, read on a thread of its
 * own while the first pages are fetched: the first page's store waits for that read (it must know its echoes, which
 * it does not store whole), the fetching does not.
 */
final class AccountEchoCheck implements SalesforcePageSink.EchoCheck {

    private static final Logger LOG = LoggerFactory.getLogger(AccountEchoCheck.class);

    private final CompletableFuture<AccountEchoes> read;
    private AccountEchoes echoes;

    private AccountEchoCheck(CompletableFuture<AccountEchoes> read) {
        this.read = read;
    }

    /** Starts {@code reading} on a thread of its own. */
    static AccountEchoCheck start(Supplier<AccountEchoes> reading) {
        return new AccountEchoCheck(onThreadOfItsOwn(reading, "echo-check-Account"));
    }

    /** {@code work} run on a daemon thread of its own, named {@code name}. */
    static <T> CompletableFuture<T> onThreadOfItsOwn(Supplier<T> work, String name) {
        return CompletableFuture.supplyAsync(work, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    @Override
    public synchronized PageEchoes echoes(PulledPage page) {
        return readEchoes().echoesOf(page.accounts());
    }

    /**
     * What was read, waiting for it; nothing to compare with when the read failed (then no record is an echo, and
     * each is stored whole).
     */
    private AccountEchoes readEchoes() {
        if (echoes == null) {
            try {
                echoes = read.join();
            } catch (RuntimeException e) {
                LOG.warn("Account: which pulled Accounts are only our writes read back is not told in this pull: {}",
                        e.getMessage());
                echoes = new AccountEchoes();
            }
        }
        return echoes;
    }
}
