/**
 * The one synthetic company that feeds every stand-in source (Zendesk, Stripe, Amplitude, Mixpanel): built
 * from the Salesforce sandbox's accounts (id, name, Website's domain, segment, Seats_Licensed__c, ARR,
 * contract start, renewal date and the hidden health the CRM never shows), the seed and the org's today.
 * Generation is deterministic in (seed, accounts, today); each account draws from its own random stream.
 *
 * <h2>Time</h2>
 * The sources serve the 400 days before today ({@link io.healthsync.sandbox.company.HistoryWindow}); a 90-day
 * warm-up before them is simulated and not served, so that renewals early in the window have 90 days of
 * signals behind them. An account is simulated day by day from its contract start (or the window's start):
 * renewal first, then the day's usage, tickets, invoices, then expansion.
 *
 * <h2>Hidden health</h2>
 * Today's health h is the account's {@code AccountProfile.health}. 70% of the accounts below 0.45 today
 * declined: they were 0.2-0.5 healthier and fell linearly from a random day (20-80% into the window) to
 * today; 20% of those above 0.6 improved by 0.15-0.3; the rest are stable. Daily noise is AR(1)
 * (0.97, sd 0.012). Every signal below is drawn from h of the day.
 *
 * <h2>Planted effects (what the models must recover)</h2>
 * The constants are in {@link io.healthsync.sandbox.company.PlantedEffects}; the ground truth of each
 * renewal (its signals, probability, outcome) is kept in {@link io.healthsync.sandbox.company.RenewalDecision}.
 * <ul>
 *   <li><b>Churn at renewal.</b> At each contract anniversary in the served window,
 *   P(churn) = sigmoid(-2.0 - 5.0 (rate90 - 0.45) - 2.5 trend + 0.5 min(badCsat90, 4)
 *   + 0.7 min(paymentFailures180, 3) + 1.3 intent90), where rate90 = weekday active users per seat over the
 *   90 days before (analytics users x usersPerTrackedUser / Stripe quantity), trend = (rate of the last 30
 *   days - rate of days 61-90 before) / max(that rate, 0.05) clipped to [-1, 1], badCsat90 = bad
 *   satisfaction ratings created in the 90 days before, paymentFailures180 = invoices whose first payment
 *   attempt failed in the 180 days before, intent90 = 1 when a ticket of the 90 days before carries a
 *   cancellation-intent phrase. A churned subscription is canceled (cancel requested 5-40 days before,
 *   ended at the renewal, Stripe status canceled, cancellation_details.feedback set) and the account's usage,
 *   tickets and invoices stop.</li>
 *   <li><b>Contraction at renewal.</b> When it did not churn and rate90 &lt; 0.35: with probability 0.5 the
 *   quantity falls to 70-90% (a customer.subscription.updated with the old quantity).</li>
 *   <li><b>Expansion.</b> When weekday active users per seat over the last 60 days exceed 0.66 (seats used
 *   over ~90% of licensed in real terms, as not every user of a seat is active every weekday), at least 60 days into the
 *   contract and 90 days after the last seat change: each weekday with probability 0.04 the quantity grows
 *   10-30% (at least one seat), with a proration invoice (billing_reason subscription_update).</li>
 *   <li><b>Usage.</b> Weekday active users per licensed seat = (0.08 + 0.7 h) x min(1, demand / seats), a
 *   fifth of that on weekends, with a ramp over the first 45 days of a new contract; demand (the seats the
 *   customer's people would use) starts at the licensed seats and grows 0.25 (h - 0.5) a year, so an
 *   expansion lowers the use per seat until demand catches up, and contraction raises it; sessions = active users + Poisson(active (0.15 + 0.5 h)); a feature is
 *   used while h is above the account's threshold for it (dashboards 0, reports U(0, 0.4), collaboration
 *   U(0.1, 0.6), integrations U(0.3, 0.8), automation U(0.4, 0.95)): breadth shrinks as health falls; events
 *   per session of a used feature = intensity (0.5, 0.25, 0.1, 0.2, 0.2) x (0.6 + 0.8 h).</li>
 *   <li><b>Tickets.</b> Per month: segment base (SMB 0.3, Mid-Market 0.8, Enterprise 2.0) x (0.5 + 1.5 (1 - h)),
 *   doubled in the first 60 days of a contract (onboarding tickets are normal, not risk). Cancellation
 *   intent P = 0.01 + 0.5 max(0, 0.45 - h) ("cancel our subscription", "not renewing", "switching to another
 *   vendor", "terminate our contract", "looking at alternatives"); priority shifts to urgent/high and
 *   wording gets angrier as h falls; first reply ~ lognormal(median 45 (1 + 1.5 (1 - h)) minutes), resolution
 *   ~ reply + lognormal(median 8 (1 + 2 (1 - h)) hours); 45% of solved tickets get a CSAT answer, bad with
 *   P = 0.06 + 0.55 (1 - h)^2 (+0.15 when resolution took over 3 days, +0.2 with intent).</li>
 *   <li><b>Billing.</b> Enterprise yearly at $600 a seat; Mid-Market half yearly ($450), half monthly
 *   ($40); SMB monthly ($25); quantity = Seats_Licensed__c at the start. An invoice's first attempt fails
 *   with P = 0.015 + 0.35 max(0, 0.5 - h); it is paid on a retry with P = 0.3 + 0.6 h, else left open
 *   (when less than 21 days old: subscription past_due) or marked uncollectible.</li>
 * </ul>
 *
 * <h2>Scaling of analytics</h2>
 * One analytics user stands for {@code usersPerTrackedUser} real users (default 25): an account's pool of
 * analytics user ids is ceil(quantity / 25) and its active users per day are drawn so that
 * E[active] = quantity x rate / 25. So active users per seat = analytics active users x 25 / seats (a
 * small account's pool is one or two ids, so its days are noisy; 30-day windows smooth them). With 2,000
 * accounts (seed 42) this makes about 10,000 events a day, 3.9 million over the 400 days (about 35 a week
 * per account; a 1,500-seat Enterprise account a few hundred), 19,000 tickets, 8,600 ratings and 20,000
 * invoices; 1,700 renewals in the window, 15-17% of them churned; a third of the accounts expand at least
 * once. A connector that pulls 90 days of analytics reads under a million events.
 *
 * <h2>Mess (as real data has it)</h2>
 * About 3% extra Stripe customers and Zendesk organizations are strays: customers the CRM does not know
 * (no salesforce_account_id metadata, no external_id, a domain no account has), with their own tickets and
 * invoices. About 2% of CRM accounts' Zendesk organizations have no external_id and match by domain only.
 * About 0.5% of analytics events are served without the account (no groups.account_id / account_id).
 * One ticket (the middle one by id) is served with an unparseable created_at. Salesforce's own records are
 * not changed by any of this: the CRM shows the last renewal as Closed Won even where billing says the
 * subscription was canceled at it (billing is the truth for churn, as in many companies whose CRM lags).
 */
package io.healthsync.sandbox.company;
