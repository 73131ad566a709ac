import type { AnyErrorBody } from '../../../shared/contracts/errors';

export type ErrorBody = AnyErrorBody;

/** A request that failed, as the admin reads it. */
export interface RequestError<TBody extends ErrorBody = ErrorBody> {
  /** null when the request never reached the server. */
  status: number | null;
  /** The route's error body; null when the answer held none in the contracts' format (a proxy's 502, a crash). */
  body: TBody | null;
  message: string;
}

const STATUS_OF: Record<ErrorBody['error']['name'], number> = {
  ValidationError: 400,
  UnauthorizedError: 401,
  ForbiddenError: 403,
  NotFoundError: 404,
  ConflictError: 409,
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isName = (name: unknown): name is ErrorBody['error']['name'] => typeof name === 'string' && Object.hasOwn(STATUS_OF, name);

/** Whether an answer is one of the contracts' error bodies: a known name with its status, and the details that name promises. */
const isErrorBody = (value: unknown): value is ErrorBody => {
  if (!isRecord(value) || !isRecord(value.error)) return false;
  const { name, status, message, details } = value.error;
  if (!isName(name) || STATUS_OF[name] !== status || typeof message !== 'string' || !isRecord(details)) return false;
  if (name === 'ConflictError') return typeof details.code === 'string';
  if (name !== 'ValidationError') return true;
  return (
    Array.isArray(details.errors) &&
    details.errors.every((item) => isRecord(item) && typeof item.message === 'string' && Array.isArray(item.path) && item.path.every((part) => typeof part === 'string'))
  );
};

/**
 * A failure from its status, the answer's JSON and its message; `TBody` is the route's `Error` type, which its
 * contract promises for any body in the contracts' format. Kept free of the admin runtime so Node tests can run it.
 */
export const requestError = <TBody extends ErrorBody = ErrorBody>(status: number | null, answer: unknown, message: string): RequestError<TBody> => ({
  status,
  body: isErrorBody(answer) ? (answer as TBody) : null,
  message,
});

/** Someone else changed what the request was based on (409): nothing was written. */
export const isConflict = (failure: RequestError) => failure.status === 409 || failure.body?.error.name === 'ConflictError';
