package io.healthsync.routes;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Today's scores being stored on a thread of their own while the sync goes on to plan: the plan needs them in the
 * store only when it saves itself (its actions name the score they fired on), so it waits for them there, and the
 * sync waits for them however it ends. Storing 100,000 changed scores takes H2 some 5 s of one core, the second core
 * otherwise idle. A failed save fails whoever waits for it with its own exception.
 */
final class ScoresSaving {

    private final FutureTask<Integer> save;

    private ScoresSaving(FutureTask<Integer> save) {
        this.save = save;
    }

    /** A save already done: {@code changed} scores were written. */
    static ScoresSaving done(int changed) {
        FutureTask<Integer> task = new FutureTask<>(() -> changed);
        task.run();
        return new ScoresSaving(task);
    }

    /** Starts {@code save} (it answers how many scores it wrote) on a thread of its own. */
    static ScoresSaving start(Callable<Integer> save) {
        FutureTask<Integer> task = new FutureTask<>(save);
        Thread thread = new Thread(task, "scores-save");
        thread.setDaemon(true);
        thread.start();
        return new ScoresSaving(task);
    }

    /** Waits for the save; how many scores it wrote. */
    int await() {
        try {
            return save.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("storing the scores failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the scores were being stored", e);
        }
    }
}
