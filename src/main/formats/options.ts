/** Checks of option values that arrive as strings from the CLI or a dialog. */
import { UserError } from '../../shared/api/errors'
import { schemeFromName, type TagScheme } from '../../shared/text/tags'

function scheme(name: string): TagScheme {
  const s = schemeFromName(name)
  if (!s)
    throw new UserError(
      `Unknown tag scheme '${name}'; use iob1, iob2 or bioes (BMES and BILOU read as BIOES).`,
    )
  return s
}

export function importScheme(name: string | undefined): TagScheme | 'auto' {
  return name === undefined || name === 'auto' ? 'auto' : scheme(name)
}

export function exportScheme(name: string | undefined): TagScheme {
  return name === undefined ? 'iob2' : scheme(name)
}
