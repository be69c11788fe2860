"use client";

import { createContext, useContext } from "react";
import type { FieldDef, NamedRule } from "@/workflows/definition/schema";
import type { StageFeedback } from "./feedback-badges";

/** The company's people and teams (editor.directory), for owner rules and approvers. */
export type Directory = {
  users: { id: string; name: string; email: string; role: string }[];
  teams: { id: string; key: string | null; name: string; nameEn: string | null }[];
};

export type EditorContextValue = {
  directory: Directory;
  fields: FieldDef[];
  rules: NamedRule[];
  readOnly: boolean;
  /** Process feedback not shipped yet, per stage (badges on the nodes). */
  feedback?: StageFeedback;
};

export const EditorContext = createContext<EditorContextValue>({
  directory: { users: [], teams: [] },
  fields: [],
  rules: [],
  readOnly: true,
});

export const useEditorContext = () => useContext(EditorContext);
