"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnSelectionChangeParams,
} from "@xyflow/react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type DragEvent,
} from "react";
import { toast } from "sonner";
import { localized } from "@/lib/i18n/localized";
import { cn } from "@/lib/ui/cn";
import type { DefinitionDiff } from "@/workflows/definition/diff";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import { EditorContext, type Directory } from "./context";
import { edgeTypes } from "./edges";
import { useStageFeedback } from "./feedback-badges";
import { toFlowEdges, toFlowNodes, type DiffMark, type FlowEdge, type FlowNode } from "./flow";
import { historyReducer, initialHistory } from "./history";
import { Inspector } from "./inspector";
import { autoLayout, NODE_SIZE, nodesInView, openingViewport, type Viewport } from "./layout";
import { liveCheck } from "./live-check";
import {
  addEdge,
  addNode,
  connectionProblem,
  copySelection,
  moveNodes,
  newEdge,
  newNode,
  paste,
  removeElements,
  type Clipboard,
  type PaletteKind,
} from "./model";
import { nodeTypes } from "./nodes";
import { DRAG_TYPE, Palette } from "./palette";
import { SidePanel, type SideTab } from "./side-panel";
import { Toolbar, type VersionSummary } from "./toolbar";
import { useAutosave } from "./use-autosave";
import { ConflictDialog } from "./conflict-dialog";
import { DiffSummary } from "./diff-summary";

// The Rules and Fields tabs load when first opened, not with the canvas.
const FieldsDesigner = dynamic(() => import("../_fields/fields-designer").then((m) => m.FieldsDesigner));
const NamedRulesEditor = dynamic(() =>
  import("../_rules/named-rules-editor").then((m) => m.NamedRulesEditor),
);
const ScoringEditor = dynamic(() => import("../_rules/scoring-editor").then((m) => m.ScoringEditor));

export type EditorVersion = {
  id: string;
  number: number;
  status: string;
  revision: number;
  definition: PipelineDefinition;
};

export type EditorProps = {
  pipeline: { id: string; key: string; name: { zh: string; en: string }; versions: VersionSummary[] };
  version: EditorVersion;
  directory: Directory;
  /** Viewing a published or archived version, or comparing two: nothing can change. */
  readOnly: boolean;
  /** When comparing: the marks of each node/edge id, and the removed elements drawn as ghosts. */
  compare?: {
    against: EditorVersion;
    marks: Record<string, DiffMark>;
    definition: PipelineDefinition;
    diff: DefinitionDiff;
  };
};

/** Above this many nodes the canvas draws only what is in view (a 300-stage process opens fast). */
const DRAW_ALL_UP_TO = 120;

export function PipelineEditor(props: EditorProps) {
  return (
    <ReactFlowProvider>
      <EditorInner {...props} />
    </ReactFlowProvider>
  );
}

const isEditable = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) ||
    target.closest("[role=dialog]") !== null);

function EditorInner({ pipeline, version, directory, readOnly, compare }: EditorProps) {
  const t = useTranslations("editor");
  const locale = useLocale();
  const router = useRouter();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const startDefinition = compare?.definition ?? version.definition;
  const [history, dispatch] = useReducer(historyReducer, startDefinition, initialHistory);
  const def = history.present;
  const defRef = useRef(def);
  useLayoutEffect(() => {
    defRef.current = def;
  }, [def]);
  const [tab, setTab] = useState<SideTab>("inspect");

  // Live verification: the engine's compiler on every change, a frame behind typing at most.
  const checked = useDeferredValue(def);
  const check = useMemo(() => liveCheck(checked), [checked]);
  const marks = useMemo(() => (compare ? new Map(Object.entries(compare.marks)) : undefined), [compare]);

  const [nodes, setNodes] = useState<FlowNode[]>(() => toFlowNodes(def, check, [], marks));
  const [edges, setEdges] = useState<FlowEdge[]>(() => toFlowEdges(def, check, [], marks));
  const selectAfter = useRef<{ nodes: string[]; edges: string[] } | null>(null);
  useEffect(() => {
    const wanted = selectAfter.current;
    selectAfter.current = null;
    setNodes((prev) => {
      const next = toFlowNodes(def, check, prev, marks);
      if (!wanted) return next;
      const ids = new Set(wanted.nodes);
      return next.map((n) => (!!n.selected === ids.has(n.id) ? n : { ...n, selected: ids.has(n.id) }));
    });
    setEdges((prev) => {
      const next = toFlowEdges(def, check, prev, marks);
      if (!wanted) return next;
      const ids = new Set(wanted.edges);
      return next.map((e) => (!!e.selected === ids.has(e.id) ? e : { ...e, selected: ids.has(e.id) }));
    });
  }, [def, check, marks]);

  const apply = useCallback(
    (update: (d: PipelineDefinition) => PipelineDefinition, tag?: string) => {
      if (readOnly) return;
      const next = update(defRef.current);
      if (next === defRef.current) return;
      defRef.current = next;
      dispatch({ type: "apply", definition: next, tag });
    },
    [readOnly],
  );

  const autosave = useAutosave({
    versionId: version.id,
    revision: version.revision,
    definition: def,
    edits: history.edits,
    enabled: !readOnly,
  });

  // --- React Flow wiring -----------------------------------------------------------------
  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    // Removals go through onDelete as one undoable step; everything else is view state.
    const kept = changes.filter((c) => c.type !== "remove" && c.type !== "add" && c.type !== "replace");
    if (kept.length) setNodes((ns) => applyNodeChanges(kept, ns));
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const kept = changes.filter((c) => c.type === "select");
    if (kept.length) setEdges((es) => applyEdgeChanges(kept, es));
  }, []);
  const onDelete = useCallback(
    ({ nodes: gone, edges: goneEdges }: { nodes: FlowNode[]; edges: FlowEdge[] }) =>
      apply((d) => removeElements(d, new Set(gone.map((n) => n.id)), new Set(goneEdges.map((e) => e.id)))),
    [apply],
  );
  const onNodeDragStop = useCallback(
    (_: unknown, __: FlowNode, dragged: FlowNode[]) =>
      apply((d) => moveNodes(d, new Map(dragged.map((n) => [n.id, n.position])))),
    [apply],
  );
  const isValidConnection: IsValidConnection<FlowEdge> = useCallback(
    (c) => connectionProblem(defRef.current, c.source, c.target) === null,
    [],
  );
  const onConnect = useCallback(
    (c: Connection) => {
      const problem = connectionProblem(defRef.current, c.source, c.target);
      if (problem) {
        toast.error(t(`connection.${problem}`));
        return;
      }
      const edge = newEdge(defRef.current, c.source, c.target);
      if (!edge) return;
      selectAfter.current = { nodes: [], edges: [edge.id] };
      apply((d) => addEdge(d, edge));
    },
    [apply, t],
  );

  const [selection, setSelection] = useState<{ nodes: string[]; edges: string[] }>({ nodes: [], edges: [] });
  const onSelectionChange = useCallback(
    ({ nodes: ns, edges: es }: OnSelectionChangeParams<FlowNode, FlowEdge>) => {
      setSelection({ nodes: ns.map((n) => n.id), edges: es.map((e) => e.id) });
    },
    [],
  );

  // --- adding nodes --------------------------------------------------------------------
  const wrapper = useRef<HTMLDivElement>(null);
  const addAt = useCallback(
    (kind: PaletteKind, center: { x: number; y: number }) => {
      const size = NODE_SIZE[kind];
      const snap = (v: number) => Math.round(v / 16) * 16;
      let position = { x: snap(center.x - size.width / 2), y: snap(center.y - size.height / 2) };
      const occupied = (p: { x: number; y: number }) =>
        defRef.current.nodes.some(
          (n) => Math.abs(n.position.x - p.x) < 24 && Math.abs(n.position.y - p.y) < 24,
        );
      while (occupied(position)) position = { x: position.x + 32, y: position.y + 32 };
      const node = newNode(defRef.current, kind, position);
      selectAfter.current = { nodes: [node.id], edges: [] };
      apply((d) => addNode(d, node));
    },
    [apply],
  );
  const addInView = useCallback(
    (kind: PaletteKind) => {
      const rect = wrapper.current?.getBoundingClientRect();
      if (!rect) return;
      addAt(
        kind,
        flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }),
      );
    },
    [addAt, flow],
  );
  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(DRAG_TYPE) as PaletteKind;
      if (!kind) return;
      event.preventDefault();
      addAt(kind, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [addAt, flow],
  );

  // --- commands ---------------------------------------------------------------------------
  const undo = useCallback(() => !readOnly && dispatch({ type: "undo" }), [readOnly]);
  const redo = useCallback(() => !readOnly && dispatch({ type: "redo" }), [readOnly]);
  const clipboard = useRef<Clipboard | null>(null);
  const fitAll = useCallback(() => void flow.fitView({ padding: 0.15, duration: 250 }), [flow]);
  const layout = useCallback(() => {
    apply(autoLayout);
    requestAnimationFrame(() => requestAnimationFrame(fitAll));
  }, [apply, fitAll]);
  const focusElement = useCallback(
    (target: { nodeId?: string; edgeId?: string }) => {
      const edge = target.edgeId ? defRef.current.edges.find((e) => e.id === target.edgeId) : undefined;
      const nodeIds = edge ? [edge.source, edge.target] : target.nodeId ? [target.nodeId] : [];
      setNodes((ns) => ns.map((n) => ({ ...n, selected: !edge && n.id === target.nodeId })));
      setEdges((es) => es.map((e) => ({ ...e, selected: e.id === target.edgeId })));
      if (nodeIds.length)
        void flow.fitView({
          nodes: nodeIds.map((id) => ({ id })),
          padding: 0.6,
          duration: 300,
          maxZoom: 1.2,
        });
      setTab("inspect");
    },
    [flow],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isEditable(event.target)) return;
      const mod = event.metaKey || event.ctrlKey;
      if (!mod) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        undo();
      } else if ((key === "z" && event.shiftKey) || key === "y") {
        event.preventDefault();
        redo();
      } else if (key === "c") {
        const ids = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
        if (ids.size === 0) return;
        clipboard.current = copySelection(defRef.current, ids);
        toast.success(t("copied", { count: ids.size }));
      } else if (key === "v" && clipboard.current && !readOnly) {
        event.preventDefault();
        const clip = clipboard.current;
        const result = paste(defRef.current, clip);
        selectAfter.current = { nodes: result.nodeIds, edges: [] };
        apply(() => result.def);
        // The next paste lands a little further on.
        clipboard.current = {
          ...clip,
          nodes: clip.nodes.map((n) => ({ ...n, position: { x: n.position.x + 40, y: n.position.y + 40 } })),
        };
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [apply, nodes, readOnly, redo, t, undo]);

  // Where the canvas opens is computed from the definition as soon as the canvas has a size,
  // before React Flow mounts, so nothing waits for every node to be measured. It is ready (and
  // says so in data-ready) once the nodes in that first view have been measured.
  const [opening, setOpening] = useState<{ viewport: Viewport; inView: string[] } | null>(null);
  useLayoutEffect(() => {
    const rect = wrapper.current?.getBoundingClientRect();
    if (!rect) return;
    const start = defRef.current;
    const viewport = openingViewport(start, rect.width, rect.height);
    setOpening({ viewport, inView: nodesInView(start, viewport, rect.width, rect.height) });
  }, []);
  const ready = useMemo(() => {
    if (!opening) return false;
    const byId = new Map(nodes.map((n) => [n.id, n]));
    return opening.inView.every((id) => {
      const node = byId.get(id);
      return !node || !!node.measured?.width;
    });
  }, [opening, nodes]);

  // --- panels --------------------------------------------------------------------------
  const replaceDefinition = useCallback(
    (next: PipelineDefinition) => {
      apply(() => next);
      requestAnimationFrame(() => requestAnimationFrame(fitAll));
    },
    [apply, fitAll],
  );

  const afterPublish = useCallback(() => {
    router.refresh();
  }, [router]);

  const stageName = useCallback(
    (key: string) => defRef.current.nodes.find((n) => n.data.key === key)?.data.name ?? null,
    [],
  );
  const { feedback, sheet: feedbackSheet } = useStageFeedback(pipeline.id, stageName);
  const context = useMemo(
    () => ({ directory, fields: def.fields, rules: def.rules, readOnly, feedback }),
    [directory, def.fields, def.rules, readOnly, feedback],
  );

  return (
    <EditorContext.Provider value={context}>
      <div
        data-testid="pipeline-editor"
        className="fixed inset-0 z-40 flex flex-col bg-background text-foreground"
      >
        <Toolbar
          pipeline={pipeline}
          version={version}
          definition={def}
          readOnly={readOnly}
          compare={compare ? { against: compare.against } : undefined}
          saveState={autosave.state}
          canUndo={history.past.length > 0}
          canRedo={history.future.length > 0}
          check={check}
          onUndo={undo}
          onRedo={redo}
          onLayout={layout}
          onFit={fitAll}
          onImport={replaceDefinition}
          onShowProblems={() => setTab("problems")}
          saveNow={autosave.saveNow}
          revision={autosave.revision}
          onPublished={afterPublish}
        />
        <div className="flex min-h-0 flex-1">
          {readOnly ? null : <Palette onAdd={addInView} disabled={readOnly} />}
          <div
            ref={wrapper}
            className={cn("relative min-w-0 flex-1", readOnly && "bg-muted/30")}
            onDragOver={onDragOver}
            onDrop={onDrop}
            data-testid="editor-canvas"
            data-ready={ready}
          >
            {opening ? (
              <ReactFlow<FlowNode, FlowEdge>
                defaultViewport={opening.viewport}
                onlyRenderVisibleElements={nodes.length > DRAW_ALL_UP_TO}
                nodes={nodes}
                edges={edges}
                nodeTypes={nodeTypes}
                edgeTypes={edgeTypes}
                onNodesChange={onNodesChange}
                onEdgesChange={onEdgesChange}
                onDelete={onDelete}
                onNodeDragStop={onNodeDragStop}
                onConnect={onConnect}
                onSelectionChange={onSelectionChange}
                isValidConnection={isValidConnection}
                defaultEdgeOptions={{ markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } }}
                nodesDraggable={!readOnly}
                nodesConnectable={!readOnly}
                deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
                multiSelectionKeyCode={["Meta", "Control"]}
                selectionKeyCode="Shift"
                snapToGrid
                snapGrid={[16, 16]}
                minZoom={0.1}
                maxZoom={2}
                proOptions={{ hideAttribution: true }}
                ariaLabelConfig={{}}
              >
                <Background
                  variant={BackgroundVariant.Dots}
                  gap={16}
                  size={1.2}
                  color="oklch(0.82 0.01 255)"
                />
                <Controls showInteractive={false} position="bottom-left" />
                <MiniMap
                  pannable
                  zoomable
                  position="bottom-right"
                  nodeColor={(n) =>
                    n.type === "won"
                      ? "oklch(0.6 0.15 155)"
                      : n.type === "lost"
                        ? "oklch(0.58 0.22 27)"
                        : n.type === "decision"
                          ? "oklch(0.75 0.15 75)"
                          : n.type === "approval"
                            ? "oklch(0.55 0.16 300)"
                            : "oklch(0.5 0.17 255)"
                  }
                  nodeBorderRadius={6}
                  style={{ width: 176, height: 116 }}
                  className="!rounded-lg !border !shadow-sm"
                  ariaLabel={t("minimap")}
                />
              </ReactFlow>
            ) : null}
            {compare ? (
              <section
                className="absolute left-3 top-3 z-10 w-80 rounded-lg border bg-card/95 p-3 shadow-md backdrop-blur"
                data-testid="compare-summary"
                aria-label={t("compare.changes", { from: compare.against.number, to: version.number })}
              >
                <h2 className="mb-2 text-xs font-semibold text-muted-foreground">
                  {t("compare.changes", { from: compare.against.number, to: version.number })}
                </h2>
                <DiffSummary
                  before={compare.against.definition}
                  after={version.definition}
                  diff={compare.diff}
                />
              </section>
            ) : null}
            {def.nodes.length === 0 ? (
              <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
                <div className="max-w-sm rounded-xl border border-dashed bg-card/80 px-6 py-5 text-center shadow-sm">
                  <div className="text-sm font-medium">{t("empty.title")}</div>
                  <p className="mt-1 text-xs text-muted-foreground">{t("empty.body")}</p>
                </div>
              </div>
            ) : null}
          </div>
          <SidePanel
            tab={tab}
            onTab={setTab}
            check={check}
            onFocus={focusElement}
            rules={
              <div className="grid gap-8">
                <NamedRulesEditor
                  rules={def.rules}
                  onChange={(rules) => apply((d) => ({ ...d, rules }), "rules")}
                  fields={def.fields}
                  directory={directory}
                  readOnly={readOnly}
                />
                <ScoringEditor
                  value={def.scoring}
                  onChange={(scoring) =>
                    apply((d) => {
                      const { scoring: _old, ...rest } = d;
                      return scoring ? { ...rest, scoring } : rest;
                    }, "scoring")
                  }
                  fields={def.fields}
                  rules={def.rules}
                  directory={directory}
                  readOnly={readOnly}
                />
              </div>
            }
            fields={
              <FieldsDesigner
                definition={def}
                onChange={(fields) => apply((d) => ({ ...d, fields }), "fields")}
                pipelineId={pipeline.id}
                readOnly={readOnly}
              />
            }
          >
            <Inspector
              definition={def}
              selection={selection}
              apply={apply}
              readOnly={readOnly}
              pipelineId={pipeline.id}
            />
          </SidePanel>
        </div>
        <ConflictDialog
          conflict={autosave.conflict}
          mine={def}
          onLoadTheirs={() => {
            const theirs = autosave.conflict?.definition;
            if (!theirs) return;
            autosave.markSaved(history.edits);
            autosave.acceptTheirs();
            dispatch({ type: "reset", definition: theirs, keepHistory: true });
          }}
          onKeepMine={autosave.keepMine}
        />
        <span className="sr-only" aria-live="polite">
          {localized(def.name, locale)}
        </span>
        {feedbackSheet}
      </div>
    </EditorContext.Provider>
  );
}
