import type { WebhookEventType } from "@/lib/webhooks/events";

/** The catalogue key of an event type (next-intl reads dots as nesting): deal.won → deal_won. */
export const eventKey = (type: string) => type.replace(".", "_") as EventKey;
export type EventKey =
  | "deal_created"
  | "deal_action_taken"
  | "deal_stage_changed"
  | "deal_won"
  | "deal_lost"
  | "deal_owner_changed"
  | "deal_time_limit_passed"
  | "webhook_test";

export type { WebhookEventType };
