import type { Context, Next } from 'koa';

import type { ConflictErrorBody } from '../../../shared/contracts/errors';
import { ConflictError } from '../utils/errors';

/** Answers a ConflictError thrown anywhere behind an admin route as a 409 in Strapi's error format. */
const conflicts = () => async (ctx: Context, next: Next) => {
  try {
    await next();
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const body: ConflictErrorBody<{ code: string }> = { data: null, error: { status: 409, name: 'ConflictError', message: error.message, details: error.details } };
    ctx.status = 409;
    ctx.body = body;
  }
};

export default conflicts;
