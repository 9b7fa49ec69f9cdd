/**
 * From a training setting's `model` to the engine's architecture options: 'scratch', or a
 * pretrained BERT (a local checkpoint folder, or a Hub model id resolved through the local cache)
 * whose encoder weights are written under our parameter names next to the run, as initFrom.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ArchitectureOptions } from '../ml/train/train'
import { writeSafetensors, type SafeTensor } from '../ml/safetensors'
import { loadHfCheckpoint } from './checkpoint'
import { resolveHubModel, type HubOptions } from './hub'

/** Local folder of a checkpoint: the path itself when it exists, else a Hub id (downloaded into the cache). */
export async function checkpointDir(model: string, hub: HubOptions = {}): Promise<string> {
  const local = resolve(model)
  if (existsSync(local)) return local
  return resolveHubModel(model, hub)
}

export async function pretrainedArchitecture(
  model: string,
  outDir: string,
  hub: HubOptions = {},
): Promise<{ architecture: ArchitectureOptions; maxPositions: number; source: string }> {
  // The default from-scratch model is the dilated CNN (docs/adr/0009); the transformer stays available
  // to the engine as kind 'scratch'.
  if (model === 'scratch') return { architecture: { kind: 'cnn' }, maxPositions: Infinity, source: 'scratch' }
  const dir = await checkpointDir(model, hub)
  const ck = loadHfCheckpoint(dir)
  const tensors = new Map<string, SafeTensor>()
  for (const [name, data] of ck.encoder) {
    const spec = ck.encoderShapes.get(name)!
    tensors.set(name, { dtype: 'F32', shape: spec, data })
  }
  const initFrom = join(outDir, 'pretrained.safetensors')
  writeSafetensors(initFrom, tensors, { source: model })
  return {
    architecture: { kind: 'bert', config: ck.config, vocab: ck.vocab, lowercase: ck.lowercase, initFrom },
    maxPositions: ck.config.max_position_embeddings,
    source: dir,
  }
}
