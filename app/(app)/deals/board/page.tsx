import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { serverApi } from "@/lib/trpc/server";
import { PageHeader } from "@/lib/ui/page-header";
import { BOARD_PAGE, BoardView } from "./board-view";
import { ViewSwitch } from "./view-switch";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("board"))("title") };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function DealsBoardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations("board");
  const params = await searchParams;
  const uuid = (value: unknown) => (typeof value === "string" && UUID.test(value) ? value : undefined);
  const pipelineId = uuid(params.pipeline);
  const versionId = uuid(params.version);
  // The board comes with the page (no round trip after hydration); a pipeline that is not
  // there is left to the client query, which shows why.
  const api = await serverApi();
  const initial = await api.board
    .get({ pipelineId, versionId, perColumn: BOARD_PAGE })
    .catch(() => undefined);
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} actions={<ViewSwitch current="board" />} />
      <BoardView
        key={`${pipelineId ?? "default"}:${versionId ?? "all"}`}
        pipelineId={pipelineId}
        versionId={versionId}
        initial={initial}
      />
    </>
  );
}
