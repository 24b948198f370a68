// Error bodies in the shape of Cal.com's HttpExceptionFilter: {status, timestamp, path, error:{code,
// message, details}}. `code` is the NestJS exception class name and `details` is what
// exception.getResponse() returns, so clients that dig into either see what production sends.
import type { Resp } from './types.js';

const NEST: Record<number, [code: string, text: string]> = {
  400: ['BadRequestException', 'Bad Request'],
  401: ['UnauthorizedException', 'Unauthorized'],
  403: ['ForbiddenException', 'Forbidden'],
  404: ['NotFoundException', 'Not Found'],
  409: ['ConflictException', 'Conflict'],
  413: ['PayloadTooLargeException', 'Payload Too Large'],
  422: ['UnprocessableEntityException', 'Unprocessable Entity'],
  429: ['ThrottlerException', 'Too Many Requests'],
  500: ['InternalServerErrorException', 'Internal Server Error'],
  502: ['BadGatewayException', 'Bad Gateway'],
  503: ['ServiceUnavailableException', 'Service Unavailable'],
  504: ['GatewayTimeoutException', 'Gateway Timeout'],
};

export const THROTTLED = 'CustomThrottlerGuard - Too many requests. Please try again later.';
export const BAD_KEY = 'ApiAuthStrategy - api key - Your api key is not valid';
export const NO_AUTH =
  "ApiAuthStrategy - No authentication method provided. Either pass an API key as 'Bearer' header or OAuth client credentials as 'x-cal-secret-key' and 'x-cal-client-id' headers";

export function envelope(status: number, path: string, code: string, message: string, details?: unknown): Resp {
  const error: Record<string, unknown> = { code, message };
  if (details !== undefined) error.details = details;
  return { status, body: { status: 'error', timestamp: new Date().toISOString(), path, error } };
}

/** `new XxxException('message')` as Nest builds it: details = {message, error, statusCode}. */
export function nestError(status: number, path: string, message: string): Resp {
  const [code, text] = NEST[status] ?? ['HttpException', 'Error'];
  return envelope(status, path, code, message, { message, error: text, statusCode: status });
}

/** Express/Nest's answer when no controller matches (wrong path, method or cal-api-version). */
export function routeNotFound(method: string, url: string): Resp {
  return nestError(404, url, `Cannot ${method} ${url}`);
}

/** ThrottlerException is built from a plain string, so getResponse() is that string. */
export function throttled(path: string): Resp {
  return envelope(429, path, 'ThrottlerException', THROTTLED, THROTTLED);
}

/** An injected server error: class name from the status, Cal.com's generic text for 500. */
export function faultError(status: number, path: string, message?: string): Resp {
  if (status === 429) return throttled(path);
  const text = message ?? (status === 500 ? 'There was an error, please try again later.' : (NEST[status]?.[1] ?? 'Error'));
  return nestError(status, path, text);
}

export interface ValidationError {
  target: unknown;
  value: unknown;
  property: string;
  children: [];
  constraints: Record<string, string>;
}

/** The global ValidationPipe's exceptionFactory: `new BadRequestException({ errors })`. */
export function validationFailed(path: string, errors: ValidationError[]): Resp {
  return envelope(400, path, 'BadRequestException', 'Bad Request Exception', { errors });
}
