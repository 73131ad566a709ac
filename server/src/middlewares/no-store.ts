import type { Context, Next } from 'koa';

/** Admin answers hold drafts and editors' data: no browser or CDN may keep them. */
const noStore = () => async (ctx: Context, next: Next) => {
  await next();
  ctx.set('Cache-Control', 'no-store');
};

export default noStore;
