"use client";

import { TRPCClientError } from "@trpc/client";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTRPCClient } from "@/lib/trpc/client";
import type { PipelineDefinition } from "@/workflows/definition/schema";

export type SaveState = "saved" | "saving" | "unsaved" | "failed" | "conflict";

/** The other editor's save, as the server's CONFLICT error describes it. */
export type Conflict = {
  revision: number;
  updatedAt: string | Date;
  updatedBy: { id: string; name: string } | string | null;
  definition: PipelineDefinition;
};

const DEBOUNCE_MS = 800;

function conflictOf(error: unknown): Conflict | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = error.data as { code?: string; details?: Conflict } | undefined;
  return data?.code === "CONFLICT" && data.details ? data.details : null;
}

/**
 * Saves the draft ~800 ms after the last change, with the revision it was loaded at: a save
 * the server refuses because another editor saved in between becomes a conflict for the user
 * to resolve, never a silent overwrite. Failed saves are retried; leaving with unsaved changes
 * asks first.
 */
export function useAutosave({
  versionId,
  revision: initialRevision,
  definition,
  edits,
  enabled,
}: {
  versionId: string;
  revision: number;
  definition: PipelineDefinition;
  edits: number;
  enabled: boolean;
}) {
  const client = useTRPCClient();
  const [state, setState] = useState<SaveState>("saved");
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const revision = useRef(initialRevision);
  const savedEdits = useRef(edits);
  const latest = useRef({ definition, edits });
  useLayoutEffect(() => {
    latest.current = { definition, edits };
  }, [definition, edits]);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const blocked = useRef(false);

  const saveNow = useCallback(async (): Promise<boolean> => {
    if (!enabled || blocked.current) return false;
    if (inFlight.current) {
      await inFlight.current;
      if (latest.current.edits === savedEdits.current) return true;
    }
    if (latest.current.edits === savedEdits.current) return true;
    const { definition: sending, edits: sendingEdits } = latest.current;
    setState("saving");
    const run = (async () => {
      try {
        const saved = await client.editor.saveDraft.mutate({
          versionId,
          expectedRevision: revision.current,
          definition: sending,
        });
        revision.current = saved.revision;
        savedEdits.current = sendingEdits;
        setState(latest.current.edits === sendingEdits ? "saved" : "unsaved");
        return true;
      } catch (error) {
        const other = conflictOf(error);
        if (other) {
          blocked.current = true;
          setConflict(other);
          setState("conflict");
        } else {
          setState("failed");
        }
        return false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [client, enabled, versionId]);

  // Debounced save after each change; a failed save is tried again a little later.
  useEffect(() => {
    if (!enabled || blocked.current || edits === savedEdits.current) return;
    setState((s) => (s === "saving" ? s : "unsaved"));
    const timer = setTimeout(() => void saveNow(), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [edits, enabled, saveNow]);
  useEffect(() => {
    if (state !== "failed") return;
    const timer = setTimeout(() => void saveNow(), 4000);
    return () => clearTimeout(timer);
  }, [state, saveNow]);

  // Leaving with changes the server does not have yet asks first.
  useEffect(() => {
    if (!enabled) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (latest.current.edits !== savedEdits.current || blocked.current) {
        event.preventDefault();
        event.returnValue = "";
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [enabled]);

  /** Takes the other editor's version: the caller replaces the canvas with it. */
  const acceptTheirs = useCallback(() => {
    if (!conflict) return;
    revision.current = conflict.revision;
    blocked.current = false;
    setConflict(null);
    setState("saved");
  }, [conflict]);
  /** Keeps this editor's version and saves it over theirs. */
  const keepMine = useCallback(() => {
    if (!conflict) return;
    revision.current = conflict.revision;
    blocked.current = false;
    savedEdits.current = -1;
    setConflict(null);
    void saveNow();
  }, [conflict, saveNow]);
  /** After "load theirs" the canvas shows a state the server already has. */
  const markSaved = useCallback((atEdits: number) => {
    savedEdits.current = atEdits;
  }, []);

  return { state, conflict, saveNow, acceptTheirs, keepMine, markSaved, revision };
}
