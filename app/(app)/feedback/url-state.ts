import { FEEDBACK_STATUSES, type FeedbackStatus } from "@/lib/feedback/status";

/** The feedback page's state as it lives in the URL, so a filtered inbox can be linked to (the editor's badges do). */
export type FeedbackView = {
  tab: "inbox" | "mine";
  pipelineId: string;
  stageKey: string;
  /** A status, or "all". */
  status: FeedbackStatus | "all";
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY = /^[a-z][a-zA-Z0-9_]{0,63}$/;

/** Reads the URL; anything the API would refuse is dropped. Open feedback is what the inbox shows first. */
export function parseView(params: URLSearchParams, canReadInbox: boolean): FeedbackView {
  const status = params.get("status") ?? "";
  return {
    tab: canReadInbox && params.get("tab") !== "mine" ? "inbox" : "mine",
    pipelineId: UUID.test(params.get("pipeline") ?? "") ? params.get("pipeline")! : "",
    stageKey: KEY.test(params.get("stage") ?? "") ? params.get("stage")! : "",
    status:
      status === "all" || (FEEDBACK_STATUSES as readonly string[]).includes(status)
        ? (status as FeedbackStatus | "all")
        : "open",
  };
}

export function viewHref(view: FeedbackView) {
  const p = new URLSearchParams();
  if (view.tab === "mine") p.set("tab", "mine");
  else {
    if (view.pipelineId) p.set("pipeline", view.pipelineId);
    if (view.stageKey) p.set("stage", view.stageKey);
    if (view.status !== "open") p.set("status", view.status);
  }
  const q = p.toString();
  return q ? `/feedback?${q}` : "/feedback";
}
