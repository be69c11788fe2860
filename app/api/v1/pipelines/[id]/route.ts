import { route } from "@/lib/server/api-v1/http";
import { getPipeline } from "@/lib/server/api-v1/operations";

export const GET = route(getPipeline);
