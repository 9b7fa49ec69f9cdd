/**
 * A `--model` value as people type it: 'scratch', a checkpoint folder (made absolute, since the
 * trainer process may run elsewhere), or a Hub id, downloaded here so that the caller can show
 * progress and the trainer finds it in the cache.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { loadHfCheckpoint } from './checkpoint'
import { resolveHubModel, type HubOptions } from './hub'

export async function resolveModelOption(model: string, hub: HubOptions = {}): Promise<string> {
  if (model === 'scratch') return model
  const local = resolve(model)
  const dir = existsSync(local) ? local : await resolveHubModel(model, hub)
  // Checked here as well as in the trainer, so a bad checkpoint is refused before a run is recorded.
  loadHfCheckpoint(dir)
  return dir
}
