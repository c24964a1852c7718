package io.healthsync.sandbox.company;

import java.time.Instant;

/**
 * A support ticket of an account, as the simulation made it. {@code id} is the Zendesk ticket number
 * (numbered in order of creation across the company). Times are null where the ticket has not got there.
 *
 * @param requester          index of the account's requester (end user) who opened it
 * @param cancellationIntent whether its text carries a cancellation-intent phrase
 * @param firstReplyMinutes  minutes to the first public agent reply (calendar)
 * @param solvedAt           null while unsolved
 * @param rating             null when not rated (not solved, not offered, or not answered)
 * @param malformed          the one record whose created_at the API serves unparseable
 */
public record Ticket(long id, String accountKey, int requester, Instant createdAt, Instant updatedAt, String subject,
                     String description, String status, String priority, String type, boolean cancellationIntent,
                     int firstReplyMinutes, Instant solvedAt, Integer resolutionMinutes, Rating rating,
                     boolean malformed) {

    /** A CSAT answer: good or bad, with the customer's comment. */
    public record Rating(long id, String score, String comment, Instant createdAt) {

        public boolean bad() {
            return "bad".equals(score);
        }
    }

    Ticket withId(long value) {
        return new Ticket(value, accountKey, requester, createdAt, updatedAt, subject, description, status, priority,
                type, cancellationIntent, firstReplyMinutes, solvedAt, resolutionMinutes, rating, malformed);
    }

    Ticket withRatingId(long value) {
        return new Ticket(id, accountKey, requester, createdAt, updatedAt, subject, description, status, priority,
                type, cancellationIntent, firstReplyMinutes, solvedAt, resolutionMinutes,
                new Rating(value, rating.score(), rating.comment(), rating.createdAt()), malformed);
    }

    Ticket asMalformed() {
        return new Ticket(id, accountKey, requester, createdAt, updatedAt, subject, description, status, priority,
                type, cancellationIntent, firstReplyMinutes, solvedAt, resolutionMinutes, rating, true);
    }
}
