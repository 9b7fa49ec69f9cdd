/** Parsing of option values shared by several commands; bad values are usage errors naming the option. */
import { schemeFromName, type TagScheme } from '../../shared/text/tags'
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

/** A tag scheme as people write it (IOB1, IOB2/BIO, BIOES/IOBES/BMES/BILOU). */
export function schemeOption(option: string, value: string | undefined): TagScheme | undefined {
  if (value === undefined) return undefined
  const scheme = schemeFromName(value)
  if (!scheme)
    throw new UsageError(`${option} must be iob1, iob2 (BIO) or bioes (IOBES, BMES, BILOU), not "${value}".`)
  return scheme
}
