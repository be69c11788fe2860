"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { SendFeedbackDialog } from "@/app/(app)/feedback/send-feedback-dialog";

type Launcher = { open: (stageKey?: string) => void };
const FeedbackLauncherContext = createContext<Launcher | null>(null);

/**
 * Lets anything on a deal's page (the stage path, the stage panel) open the send-feedback dialog
 * for a stage of the deal's process. Pages without it (practice) offer no feedback.
 */
export function FeedbackLauncher({ dealId, children }: { dealId: string; children: ReactNode }) {
  const [state, setState] = useState<{ open: boolean; stageKey?: string; n: number }>({ open: false, n: 0 });
  const open = useCallback(
    (stageKey?: string) => setState((s) => ({ open: true, stageKey, n: s.n + 1 })),
    [],
  );
  const value = useMemo(() => ({ open }), [open]);
  return (
    <FeedbackLauncherContext.Provider value={value}>
      {children}
      <SendFeedbackDialog
        key={state.n}
        open={state.open}
        onOpenChange={(o) => setState((s) => ({ ...s, open: o }))}
        dealId={dealId}
        stageKey={state.stageKey}
      />
    </FeedbackLauncherContext.Provider>
  );
}

/** Opens the feedback dialog on a stage; null where feedback is not offered. */
export const useFeedbackLauncher = () => useContext(FeedbackLauncherContext);
