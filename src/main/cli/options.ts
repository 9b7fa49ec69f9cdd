/** Parsing of option values shared by several commands; bad values are usage errors naming the option. */
import { UsageError } from './errors'

export function oneOf<T extends string>(
  option: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not "${value}".`)
}
