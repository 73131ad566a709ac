/**
 * The error bodies every route answers, in Strapi's own format (`{ data: null, error }`), shared by
 * the server, the admin panel and front ends. Each route's namespace names the ones it can answer.
 */

/** One refused field: `path` as Strapi's own validation gives it (strings), `message` names the field and the rule. */
export interface FieldProblem {
  path: string[];
  message: string;
  name: 'ValidationError';
}

interface ErrorBody<TStatus extends number, TName extends string, TDetails> {
  data: null;
  error: { status: TStatus; name: TName; message: string; details: TDetails };
}

/** 400: every problem of the request at once; nothing was written. */
export type ValidationErrorBody = ErrorBody<400, 'ValidationError', { errors: FieldProblem[] }>;

/** 409: someone else changed what the request was based on; nothing was written. `details.code` says what. */
export type ConflictErrorBody<TDetails extends { code: string }> = ErrorBody<409, 'ConflictError', TDetails>;

/** 404: no such story, correspondent or tag (in that locale). */
export type NotFoundErrorBody = ErrorBody<404, 'NotFoundError', Record<string, never>>;

/** 401 without a token, 403 without the permission (the admin routes, and the public ones without the role's grant). */
export type UnauthorizedErrorBody = ErrorBody<401, 'UnauthorizedError', Record<string, never>>;
export type ForbiddenErrorBody = ErrorBody<403, 'ForbiddenError', Record<string, never>>;

/** What any route may answer besides its own errors. */
export type CommonErrorBody = ValidationErrorBody | UnauthorizedErrorBody | ForbiddenErrorBody;

/** Every error body the plugin's routes answer; each route's `Error` type (e.g. `ReplaceRelatedList.Error`) is a part of it. */
export type AnyErrorBody = CommonErrorBody | NotFoundErrorBody | ConflictErrorBody<{ code: string }>;
