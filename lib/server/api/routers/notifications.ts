import { z } from "zod";
import { listNotifications, markRead, unreadCount } from "@/lib/server/notifications/notifications";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const notificationsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listNotifications(ctx.db, ctx.company.id, ctx.userId)),
  unreadCount: protectedProcedure.query(({ ctx }) => unreadCount(ctx.db, ctx.company.id, ctx.userId)),
  markRead: protectedProcedure
    .input(z.object({ ids: z.array(z.uuid()).max(200).optional() }))
    .mutation(({ ctx, input }) => markRead(ctx.db, ctx.company.id, ctx.userId, input.ids)),
});
