import type { PipelineDefinition } from "@/workflows/definition/schema";

/**
 * The editor's undo stack: a list of whole definitions. Every change is one entry, except that
 * typing into one inspector field (same `tag`, within a second) replaces the last entry rather
 * than adding one per keystroke, and a drag is committed once when it ends.
 */
export type History = {
  past: PipelineDefinition[];
  present: PipelineDefinition;
  future: PipelineDefinition[];
  /** Bumped on every change the user made (not on loads): autosave watches it. */
  edits: number;
  lastTag?: string;
  lastAt?: number;
};

export type HistoryAction =
  | { type: "apply"; definition: PipelineDefinition; tag?: string; at?: number }
  | { type: "undo" }
  | { type: "redo" }
  /** Replaces the definition without an undo entry (loading a version, taking the other editor's save). */
  | { type: "reset"; definition: PipelineDefinition; keepHistory?: boolean };

const LIMIT = 200;
const COALESCE_MS = 1000;

export const initialHistory = (definition: PipelineDefinition): History => ({
  past: [],
  present: definition,
  future: [],
  edits: 0,
});

export function historyReducer(state: History, action: HistoryAction): History {
  switch (action.type) {
    case "apply": {
      if (action.definition === state.present) return state;
      const at = action.at ?? Date.now();
      const coalesce =
        action.tag !== undefined &&
        action.tag === state.lastTag &&
        state.lastAt !== undefined &&
        at - state.lastAt < COALESCE_MS &&
        state.future.length === 0;
      return {
        past: coalesce ? state.past : [...state.past, state.present].slice(-LIMIT),
        present: action.definition,
        future: [],
        edits: state.edits + 1,
        lastTag: action.tag,
        lastAt: at,
      };
    }
    case "undo": {
      const previous = state.past.at(-1);
      if (!previous) return state;
      return {
        past: state.past.slice(0, -1),
        present: previous,
        future: [state.present, ...state.future],
        edits: state.edits + 1,
      };
    }
    case "redo": {
      const [next, ...rest] = state.future;
      if (!next) return state;
      return { past: [...state.past, state.present], present: next, future: rest, edits: state.edits + 1 };
    }
    case "reset":
      return action.keepHistory
        ? {
            ...state,
            past: [...state.past, state.present].slice(-LIMIT),
            present: action.definition,
            future: [],
            lastTag: undefined,
          }
        : initialHistory(action.definition);
  }
}
