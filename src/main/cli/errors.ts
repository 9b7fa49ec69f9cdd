/**
 * How the CLI ends: 0 on success, 1 on a user error (one sentence on stderr), 2 on bad usage.
 * Unexpected errors print a sentence plus where the details went, never a bare stack trace.
 */
import { ApiError } from '../../shared/api/errors'

export class UsageError extends Error {}

export function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError) return 2
  if (err instanceof ApiError && err.code !== 'internal') return 1
  return 1
}

export function describeError(err: unknown): string {
  if (err instanceof ApiError || err instanceof UsageError) return err.message
  const detail = err instanceof Error ? err.message : String(err)
  return `NER Studio hit an unexpected problem: ${detail}`
}
