/**
 * A seeded demo project with two trained model versions, made once per test file: version 1 a
 * small from-scratch model, version 2 the tiny BERT fixture fine-tuned for one epoch. Trained in
 * process (the trainer process itself is covered in tests/trainer and tests/hf) and registered in
 * the project's models table (version 3: the fixture's own untrained head) with artifact folders next to the project, as the trainer does.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, relative, dirname } from 'node:path'
import { registerModel } from '../../src/main/db/models'
import { ProjectStore } from '../../src/main/db/store'
import { loadHfCheckpoint } from '../../src/main/hf/checkpoint'
import { pretrainedArchitecture } from '../../src/main/hf/pretrained'
import { WordPieceFeaturizer } from '../../src/main/ml/data/wordpiece'
import { buildInferenceGraph } from '../../src/main/ml/infer/inferGraph'
import type { ModelDescriptionJSON } from '../../src/main/ml/infer/modelFiles'
import { bertTokenClassifier } from '../../src/main/ml/models/bert'
import { saveParams } from '../../src/main/ml/train/checkpoint'
import { trainTokenClassifier, type ArchitectureOptions } from '../../src/main/ml/train/train'
import { loadTrainingData } from '../../src/main/trainer/dataset'
import { tempProject, type TempProject } from '../helpers/temp-project'

export const TINY_BERT = join(__dirname, '../fixtures/tiny-bert')

export interface TrainedProject extends TempProject {
  scratchDir: string
  bertDir: string
  fixtureDir: string
}

export async function trainedProject(): Promise<TrainedProject> {
  const tmp = tempProject({ seed: true })
  const store = ProjectStore.open(tmp.path)
  // Half of the dev documents become the test split, so the model card has a test score.
  store.db.prepare("UPDATE documents SET split = 'test' WHERE split = 'dev' AND id % 2 = 0").run()
  const data = loadTrainingData(store.db)
  const base = join(tmp.dir, 'test.models')
  const train = async (
    name: string,
    architecture: ArchitectureOptions,
    settings: Record<string, unknown>,
  ) => {
    const outDir = join(base, name)
    mkdirSync(outDir, { recursive: true })
    const r = await trainTokenClassifier({
      architecture,
      labels: data.labels,
      train: data.train,
      dev: data.dev,
      epochs: settings.epochs as number,
      batchSize: 16,
      lr: settings.lr as number,
      maxLen: settings.maxLen as number,
      seed: 7,
      k: 4,
      outDir,
      patience: 10,
    })
    const best = r.history.find((h) => h.epoch === r.bestEpoch)!
    registerModel(store.db, {
      architecture: architecture.kind,
      config: {
        settings: { ...settings, batchSize: 16, seed: 7 },
        trainSentences: data.train.length,
        provider: 'cpu',
      },
      metrics: best.dev,
      artifactPath: relative(dirname(tmp.path), outDir),
    })
    return outDir
  }
  const scratchDir = await train(
    'run-1',
    // The default from-scratch architecture (dilated CNN over affix/bigram features), kept small.
    { kind: 'cnn', config: { hidden: 32, wordDim: 32, bigramDim: 16, featureDim: 8, dilations: [1, 2] } },
    { model: 'scratch', epochs: 6, lr: 3e-3, maxLen: 64 },
  )
  loadHfCheckpoint(TINY_BERT)
  const { architecture } = await pretrainedArchitecture(TINY_BERT, join(base))
  const bertDir = await train('run-2', architecture, { model: TINY_BERT, epochs: 2, lr: 1e-3, maxLen: 64 })
  // Version 3: the fixture with its own random 7-label head, untrained: it tags many spans on any
  // text, which makes comparisons of span lists meaningful.
  const fixtureDir = join(base, 'run-3')
  mkdirSync(fixtureDir, { recursive: true })
  const ck = loadHfCheckpoint(TINY_BERT)
  const labels = ck.classifier!.labels
  const arch = bertTokenClassifier(ck.config, labels.length)
  const params = new Map(ck.encoder)
  params.set('classifier.weight', ck.classifier!.weight)
  params.set('classifier.bias', ck.classifier!.bias)
  saveParams(join(fixtureDir, 'best.safetensors'), arch, params)
  writeFileSync(join(fixtureDir, 'model.onnx'), buildInferenceGraph(arch, params))
  const featurizer = new WordPieceFeaturizer({ vocab: ck.vocab, lowercase: ck.lowercase })
  const description: ModelDescriptionJSON = {
    format: 'ner-studio-model',
    version: 1,
    architecture: { kind: 'bert', config: ck.config },
    labels,
    maxLen: 64,
    featurizer: featurizer.toJSON(),
  }
  writeFileSync(join(fixtureDir, 'model.json'), JSON.stringify(description))
  registerModel(store.db, {
    architecture: 'bert',
    config: { settings: { model: TINY_BERT } },
    metrics: null,
    artifactPath: relative(dirname(tmp.path), fixtureDir),
  })
  store.close()
  return { ...tmp, scratchDir, bertDir, fixtureDir }
}
