import type { LocalizedText, PipelineDefinition } from "@/workflows/definition/schema";

/**
 * Stage mapping for a version migration (版本迁移): every state an open deal of the old version
 * can rest in is mapped to one of the new version, before any deal moves. Pure: the server and
 * the migration dialog run the same suggestion and the same check.
 *
 * A deal rests in an open stage or waits in an approval; decisions pass deals straight on and
 * won/lost deals are closed (a migration leaves closed deals alone), so only open stages and
 * approvals take part, on both sides.
 */

/** A state of a version an open deal can be in: an open stage or an approval. */
export type MigrationState = {
  key: string;
  name: LocalizedText;
  kind: "stage" | "approval";
  /** Reading order on the canvas (left to right, then top to bottom). */
  order: number;
};

/** Where a suggestion came from: the same key, the same name (zh or en, normalised), or nothing. */
export type SuggestionSource = "key" | "name" | null;

export type StageSuggestion = { from: string; to: string | null; by: SuggestionSource };

/** old stage key → new stage key. */
export type StageMapping = Record<string, string>;

/** The open stages and approvals of a definition, in reading order. */
export function migrationStates(definition: PipelineDefinition): MigrationState[] {
  return definition.nodes
    .filter((n) => (n.data.kind === "stage" && n.data.outcome === "open") || n.data.kind === "approval")
    .sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y)
    .map((n, order) => ({
      key: n.data.key,
      name: n.data.name,
      kind: n.data.kind as MigrationState["kind"],
      order,
    }));
}

/**
 * A name or key as compared for suggestions: Unicode-normalised (full-width letters and digits
 * become ASCII), lower case, without spaces, punctuation or symbols — so "Needs analysis",
 * "needs-analysis", "needs_analysis" and "NeedsAnalysis" meet, as do "需求 分析" and "需求分析".
 */
export function normalizeName(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, "");
}

/**
 * The suggested target of each state of the old version: the new state with the same key, else
 * one whose key reads the same once normalised, else one with the same Chinese or English name
 * (normalised), else none — the trainer chooses. Several old states may share a target (two
 * stages merged into one).
 */
export function suggestMapping(from: PipelineDefinition, to: PipelineDefinition): StageSuggestion[] {
  const targets = migrationStates(to);
  const byKey = new Map(targets.map((s) => [s.key, s]));
  const firstBy = (norm: (s: MigrationState) => string[]) => {
    const index = new Map<string, string>();
    for (const s of targets) for (const n of norm(s)) if (n && !index.has(n)) index.set(n, s.key);
    return index;
  };
  const byNormalKey = firstBy((s) => [normalizeName(s.key)]);
  const byName = firstBy((s) => [normalizeName(s.name.zh), normalizeName(s.name.en)]);
  return migrationStates(from).map((s): StageSuggestion => {
    if (byKey.has(s.key)) return { from: s.key, to: s.key, by: "key" };
    const keyed = byNormalKey.get(normalizeName(s.key));
    if (keyed) return { from: s.key, to: keyed, by: "key" };
    const named = [normalizeName(s.name.zh), normalizeName(s.name.en)]
      .map((n) => (n ? byName.get(n) : undefined))
      .find((k) => k !== undefined);
    return named ? { from: s.key, to: named, by: "name" } : { from: s.key, to: null, by: null };
  });
}

/** What is wrong with a mapping, by state key; empty lists: it can be applied. */
export type MappingProblems = {
  /** Keys mapped that are no open stage or approval of the old version. */
  unknownSources: string[];
  /** Targets that are no open stage or approval of the new version (e.g. a won stage). */
  unknownTargets: string[];
  /** States that hold open deals and have no target yet. */
  unmapped: string[];
};

/**
 * Checks a mapping against both versions. `needed` are the old states that hold open deals:
 * each must have a target; the others may be left out.
 */
export function mappingProblems(
  mapping: StageMapping,
  from: PipelineDefinition,
  to: PipelineDefinition,
  needed: readonly string[],
): MappingProblems {
  const sources = new Set(migrationStates(from).map((s) => s.key));
  const targets = new Set(migrationStates(to).map((s) => s.key));
  const entries = Object.entries(mapping);
  return {
    unknownSources: entries.filter(([k]) => !sources.has(k)).map(([k]) => k),
    unknownTargets: [...new Set(entries.filter(([, v]) => !targets.has(v)).map(([, v]) => v))],
    unmapped: needed.filter((k) => !Object.hasOwn(mapping, k)),
  };
}

export const mappingIsValid = (p: MappingProblems) =>
  p.unknownSources.length === 0 && p.unknownTargets.length === 0 && p.unmapped.length === 0;
