/**
 * Errors a user can see. Each has an HTTP status and a stable id; handlers only throw them and
 * one error middleware renders them (a page for forms, `{ error: { id, message } }` for JSON).
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new AppError(400, 'bad_request', message);
export const unauthorized = (message = 'Sign in to continue.') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'You do not have access to this.') => new AppError(403, 'forbidden', message);
export const notFound = (message = 'Not found.') => new AppError(404, 'not_found', message);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
export const tooManyRequests = (message: string) => new AppError(429, 'too_many_requests', message);
export const unavailable = (message: string) => new AppError(503, 'unavailable', message);
