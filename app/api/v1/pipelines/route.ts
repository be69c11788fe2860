import { route } from "@/lib/server/api-v1/http";
import { listPipelines } from "@/lib/server/api-v1/operations";

export const GET = route(listPipelines);
