package io.healthsync.store;

import io.healthsync.connectors.salesforce.PulledPage;
import io.healthsync.connectors.salesforce.SalesforcePageSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the echoes of a pull that returns most stored Accounts from {@link AccountEchoes}, read on a thread of its
 * own while the pages are fetched and stored: pages asked about before it is read wait as {@link AccountEchoes.Pulled}
 * (some 150 bytes an Account) and are told as soon as it is, or at the end of the pull.
 */
final class AccountEchoCheck implements SalesforcePageSink.EchoCheck {

    private static final Logger LOG = LoggerFactory.getLogger(AccountEchoCheck.class);

    private final CompletableFuture<AccountEchoes> read;
    private final List<AccountEchoes.Pulled> waiting = new ArrayList<>();
    private AccountEchoes echoes;

    private AccountEchoCheck(CompletableFuture<AccountEchoes> read) {
        this.read = read;
    }

    /**
     * Starts {@code reading} on a thread of its own and returns once it has fixed the stored Accounts it reads (it
     * counts {@code accountsFixed} down): the pull's pages, stored after that, are not among them.
     */
    static AccountEchoCheck start(Function<CountDownLatch, AccountEchoes> reading) {
        CountDownLatch accountsFixed = new CountDownLatch(1);
        CompletableFuture<AccountEchoes> read = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                read.complete(reading.apply(accountsFixed));
            } catch (RuntimeException | Error e) {
                read.completeExceptionally(e);
            } finally {
                accountsFixed.countDown();
            }
        }, "echo-check-Account");
        thread.setDaemon(true);
        thread.start();
        try {
            accountsFixed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while reading the stored Accounts for the echo check", e);
        }
        return new AccountEchoCheck(read);
    }

    @Override
    public synchronized int echoes(PulledPage page) {
        if (echoes == null && !read.isDone()) {
            page.accounts().forEach(account -> waiting.add(AccountEchoes.Pulled.of(account)));
            return 0;
        }
        return tellWaiting() + readEchoes().count(page.accounts());
    }

    @Override
    public synchronized int rest() {
        return tellWaiting();
    }

    private int tellWaiting() {
        int told = readEchoes().countKept(waiting);
        waiting.clear();
        return told;
    }

    /** What was read, waiting for it; nothing to compare with when the read failed (then no record is an echo). */
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
