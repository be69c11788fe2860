/** The events an endpoint may subscribe to (the `type` of a delivery's body). */
export const WEBHOOK_EVENT_TYPES = [
  "deal.created",
  "deal.action_taken",
  "deal.stage_changed",
  "deal.won",
  "deal.lost",
  "deal.owner_changed",
  "deal.time_limit_passed",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent only by "Send test event"; no endpoint subscribes to it. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

/** How many times a delivery is tried before it is marked failed. */
export const WEBHOOK_MAX_ATTEMPTS = 12;
