import type { LocalizedText, PipelineDefinition } from "@/workflows/definition/schema";

/** What a deal can rest in: an open, won or lost stage, or an approval it waits at. */
export type StateKind = "open" | "won" | "lost" | "approval";

export type StateInfo = {
  key: string;
  name: LocalizedText;
  kind: StateKind;
  /** Win probability (stages only). */
  probability: number | null;
  /** The stage's time limit in seconds (calendar days × 86,400), if it has one. */
  timeLimitS: number | null;
};

const DAY_S = 86_400;

/** Every state a deal of this definition can rest in, by key. Decisions are passed through, never rested in. */
export function statesOf(definition: PipelineDefinition): Map<string, StateInfo> {
  const out = new Map<string, StateInfo>();
  for (const node of definition.nodes) {
    const d = node.data;
    if (out.has(d.key)) continue; // a key twice (the compiler refuses it): the first wins, as in SQL
    if (d.kind === "stage")
      out.set(d.key, {
        key: d.key,
        name: d.name,
        kind: d.outcome,
        probability: d.probability,
        timeLimitS: d.timeLimit ? Math.round(d.timeLimit.days * DAY_S) : null,
      });
    else if (d.kind === "approval")
      out.set(d.key, { key: d.key, name: d.name, kind: "approval", probability: null, timeLimitS: null });
  }
  return out;
}

export type FunnelSteps = {
  /** Open stages on the main route, in process order, then the won stage (if any). */
  steps: string[];
  /** The won stage ending the route (also the last of `steps`), or null. */
  won: string | null;
  /** Open stages off the route (e.g. Nurture), in canvas order. */
  side: string[];
};

/**
 * The funnel's steps: the open stages on the shortest route from the first stage to a won stage,
 * counting stages only (decisions and approvals are passed through at no cost), then the won
 * stage. Ties go to the edge drawn first. Without a route to a won stage, the open stages in
 * canvas order (left to right), then a won stage if there is one.
 */
export function funnelSteps(definition: PipelineDefinition): FunnelSteps {
  const byId = new Map(definition.nodes.map((n) => [n.id, n]));
  const stage = (id: string) => {
    const d = byId.get(id)?.data;
    return d?.kind === "stage" ? d : null;
  };
  const openStages = definition.nodes
    .filter((n) => n.data.kind === "stage" && n.data.outcome === "open")
    .sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y);
  const wonNode = definition.nodes.find((n) => n.data.kind === "stage" && n.data.outcome === "won");
  const incoming = new Set(definition.edges.map((e) => e.target));
  const initial =
    (definition.initialNodeId && stage(definition.initialNodeId)?.outcome === "open"
      ? definition.initialNodeId
      : undefined) ??
    openStages.find((n) => !incoming.has(n.id))?.id ??
    openStages[0]?.id;

  const keyOf = (id: string) => (byId.get(id)!.data as { key: string }).key;
  const fallback = (): FunnelSteps => {
    const steps = openStages.map((n) => keyOf(n.id));
    const won = wonNode ? keyOf(wonNode.id) : null;
    return { steps: won ? [...steps, won] : steps, won, side: [] };
  };
  if (!initial) return fallback();

  // 0-1 breadth-first search: entering a stage costs 1, a decision or approval 0; lost stages end nothing.
  const out = new Map<string, string[]>();
  for (const e of definition.edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const cost = new Map<string, number>([[initial, 1]]);
  const prev = new Map<string, string>();
  const deque: string[] = [initial];
  let reachedWon: string | null = null;
  while (deque.length) {
    const id = deque.shift()!;
    const d = byId.get(id)?.data;
    if (!d) continue;
    if (d.kind === "stage" && d.outcome === "won") {
      reachedWon = id;
      break;
    }
    if (d.kind === "stage" && d.outcome === "lost") continue;
    for (const next of out.get(id) ?? []) {
      const nd = byId.get(next)?.data;
      if (!nd) continue;
      const c = cost.get(id)! + (nd.kind === "stage" ? 1 : 0);
      if (cost.has(next) && cost.get(next)! <= c) continue;
      cost.set(next, c);
      prev.set(next, id);
      if (nd.kind === "stage") deque.push(next);
      else deque.unshift(next);
    }
  }
  if (!reachedWon) return fallback();
  const route: string[] = [];
  for (let id: string | undefined = reachedWon; id; id = prev.get(id)) {
    const d = stage(id);
    if (d) route.unshift(d.key);
  }
  const onRoute = new Set(route);
  return {
    steps: route,
    won: route[route.length - 1]!,
    side: openStages.map((n) => keyOf(n.id)).filter((k) => !onRoute.has(k)),
  };
}
