import { exitCodeFor, type ErrorCode, type ExitCode } from './codes.js';

/** Options for {@link MetawsmError}. */
export interface MetawsmErrorOptions {
  /** One line telling the operator what to do next. */
  hint?: string;
  /** Structured detail for `--json` output and for callers that branch on it. */
  data?: Record<string, unknown>;
  /** The original error (library error, I/O error). Never printed unless METAWSM_DEBUG=1. */
  cause?: unknown;
}

/** JSON shape of an error in `--json` output. */
export interface MetawsmErrorJson {
  code: ErrorCode;
  message: string;
  hint?: string;
  data?: Record<string, unknown>;
}

/**
 * An expected failure with a stable code. Anything thrown that is not a MetawsmError is a bug.
 * Messages and hints must never contain secrets: adapters redact before constructing one.
 */
export class MetawsmError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly data: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: MetawsmErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MetawsmError';
    this.code = code;
    this.hint = options.hint;
    this.data = options.data;
  }

  /** The process exit code for this error ({@link EXIT_CODE_BY_ERROR}). */
  get exitCode(): ExitCode {
    return exitCodeFor(this.code);
  }

  /** The `{code, message, hint, data}` object printed under `"error"` with `--json`. */
  toJSON(): MetawsmErrorJson {
    const json: MetawsmErrorJson = { code: this.code, message: this.message };
    if (this.hint !== undefined) json.hint = this.hint;
    if (this.data !== undefined) json.data = this.data;
    return json;
  }
}

/** True when `e` is a MetawsmError, optionally with the given code. */
export function isMetawsmError(e: unknown, code?: ErrorCode): e is MetawsmError {
  return e instanceof MetawsmError && (code === undefined || e.code === code);
}

/** Wrap any thrown value as a MetawsmError: MetawsmErrors pass through, anything else becomes INTERNAL. */
export function toMetawsmError(e: unknown): MetawsmError {
  if (e instanceof MetawsmError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new MetawsmError('INTERNAL', `internal error: ${message}`, {
    hint: 'This is a bug in metawsm. Re-run with METAWSM_DEBUG=1 for a stack trace and report it.',
    cause: e,
  });
}
