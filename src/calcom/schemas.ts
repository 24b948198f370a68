// Responses are checked at the boundary (Cal.com API v2, cal-api-version 2024-06-14; see
// EventTypeOutput_2024_06_14 in Cal.com's OpenAPI document). Only what we read is required;
// everything else passes through untouched.
import { z } from 'zod';

export const eventTypeSchema = z.looseObject({
  id: z.number().int().positive(),
  slug: z.string(),
  title: z.string(),
  lengthInMinutes: z.number(),
  description: z.string().nullish(),
  hidden: z.boolean().optional(),
  price: z.number().optional(),
  currency: z.string().optional(),
});

export const oneEventType = z.object({ status: z.literal('success'), data: eventTypeSchema });
export const manyEventTypes = z.object({ status: z.literal('success'), data: z.array(eventTypeSchema) });

/** A create's answer: one event type, or for a managed team event type the parent and then each member's child. */
export const createdEventTypes = z.object({
  status: z.literal('success'),
  data: z.union([eventTypeSchema, z.array(eventTypeSchema).min(1)]),
});
