import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import {
  createEndpoint,
  deleteEndpoint,
  listEndpoints,
  rotateSecret,
  sendTestEvent,
  setEndpointEnabled,
  updateEndpoint,
} from "@/lib/server/webhooks/endpoints";
import { getDelivery, listDeliveries, resendDelivery } from "@/lib/server/webhooks/log";
import { adminProcedure, createTRPCRouter } from "../trpc";

const EndpointFields = z.object({
  url: z.string().trim().min(1).max(2000),
  description: z.string().trim().max(200).default(""),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1),
});
const Id = z.object({ id: z.uuid() });

/** Webhooks (admins): endpoints, their secrets, test events, the delivery log and resends. */
export const webhooksRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listEndpoints(ctx.db, ctx.company.id)),
  /** The signing secret comes back this once (and again only by rotating it). */
  create: adminProcedure
    .input(EndpointFields)
    .mutation(({ ctx, input }) => createEndpoint(ctx.db, ctx.company.id, ctx.userId, input)),
  update: adminProcedure
    .input(EndpointFields.extend({ id: z.uuid(), expectedVersion: z.number().int().min(1) }))
    .mutation(({ ctx, input }) => updateEndpoint(ctx.db, ctx.company.id, input)),
  enable: adminProcedure
    .input(Id)
    .mutation(({ ctx, input }) => setEndpointEnabled(ctx.db, ctx.company.id, input.id, true)),
  disable: adminProcedure
    .input(Id)
    .mutation(({ ctx, input }) => setEndpointEnabled(ctx.db, ctx.company.id, input.id, false)),
  delete: adminProcedure
    .input(Id)
    .mutation(({ ctx, input }) => deleteEndpoint(ctx.db, ctx.company.id, input.id)),
  rotateSecret: adminProcedure
    .input(Id)
    .mutation(({ ctx, input }) => rotateSecret(ctx.db, ctx.company.id, input.id)),
  sendTest: adminProcedure
    .input(Id)
    .mutation(({ ctx, input }) => sendTestEvent(ctx.db, ctx.company.id, ctx.userId, input.id)),
  deliveries: adminProcedure
    .input(
      z.object({
        endpointId: z.uuid().optional(),
        status: z.enum(["pending", "delivered", "failed"]).optional(),
        limit: z.number().int().min(1).max(100).default(25),
        cursor: z.object({ createdAt: z.date(), id: z.uuid() }).optional(),
      }),
    )
    .query(({ ctx, input }) => listDeliveries(ctx.db, ctx.company.id, input)),
  delivery: adminProcedure.input(Id).query(({ ctx, input }) => getDelivery(ctx.db, ctx.company.id, input.id)),
  resend: adminProcedure
    .input(Id)
    .mutation(({ ctx, input }) => resendDelivery(ctx.db, ctx.company.id, input.id)),
});
