/**
 * Process feedback (流程反馈) and the way it is triaged: open → accepted / declined → shipped in a
 * version. Pure: the server, the inbox and the tests share these rules.
 */
export const FEEDBACK_STATUSES = ["open", "accepted", "declined", "shipped"] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** What feedback may be about besides its stage: a named rule, an action out of the stage, a field. */
export const FEEDBACK_SUBJECTS = ["rule", "action", "field"] as const;
export type FeedbackSubjectKind = (typeof FEEDBACK_SUBJECTS)[number];

/**
 * Where feedback may go from each status. Accepting is for open feedback; declining for open or
 * accepted feedback (a change that turned out not to work); shipping only for accepted feedback
 * (so every shipped item was first agreed to); reopening from any other status (a decision
 * revisited, a shipped change that did not fix it).
 */
export const FEEDBACK_TRANSITIONS: Record<FeedbackStatus, readonly FeedbackStatus[]> = {
  open: ["accepted", "declined"],
  accepted: ["shipped", "declined", "open"],
  declined: ["open"],
  shipped: ["open"],
};

/** Why a change of status is refused, as a catalogue key under errors.feedback. */
const REFUSAL: Record<FeedbackStatus, string> = {
  open: "feedback.alreadyOpen",
  accepted: "feedback.acceptOnlyOpen",
  declined: "feedback.declineNotNow",
  shipped: "feedback.shipOnlyAccepted",
};

/** The catalogue key (under "errors.") explaining why `from` → `to` is refused; null when allowed. */
export function transitionRefusal(from: FeedbackStatus, to: FeedbackStatus): string | null {
  return FEEDBACK_TRANSITIONS[from].includes(to) ? null : REFUSAL[to];
}

/** Whether feedback still waits for something to happen to the process (the editor's badges count these). */
export const isUnresolved = (status: FeedbackStatus) => status === "open" || status === "accepted";

/** Longest problem and suggestion texts, and the longest reply note. */
export const FEEDBACK_TEXT_MAX = 2000;
export const FEEDBACK_REPLY_MAX = 1000;
