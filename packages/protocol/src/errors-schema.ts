import { z } from 'zod';
import { type ErrorCode as Code, errorCodes } from './errors.ts';

export const ErrorCode = z.enum(Object.keys(errorCodes) as [Code, ...Code[]]);
export const ErrorBodySchema = z.strictObject({
  error: z.strictObject({ code: ErrorCode, message: z.string(), details: z.unknown().optional() }),
});
