/**
 * predict.py without onnxruntime (not installable here): its tokenizer, featurizers, window plan
 * and Viterbi decoding, run by python3 from the exported package, must equal NER Studio's on texts
 * with accents, CJK, emoji sequences and joiners. Skipped when python3 with numpy is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tokenize } from '../../src/shared/text/tokenize'
import { exportProjectModel } from '../../src/main/export/fromProject'
import { codePointIndex } from '../../src/main/export/predictor'
import { planWindows } from '../../src/main/export/windows'
import { viterbiBio } from '../../src/main/ml/infer/decode'
import { featurizerFromJSON } from '../../src/main/ml/infer/modelFiles'
import { Rng } from '../../src/main/ml/rng'
import { trainedProject, type TrainedProject } from './helpers'

const python = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0

const TEXTS = [
  "Ann didn't visit the U.S. on 1996-08-22, said Bob_Smith.",
  'Café in Zürich: Ångström & naïve résumé — “quoted” text…',
  '陈志强表示，华东科技公司将在西安扩大业务。日本語のテキスト',
  'Emoji 👩‍👩‍👧 👍🏽 🇩🇪 1️⃣ e\u0301 end',
  'LONDON 12-3 new york ##a [CLS] tabs\tand\nnewlines',
]

const SCRIPT = `
import json, sys
sys.path.insert(0, sys.argv[1])
import predict
req = json.load(sys.stdin)
spec = json.load(open(sys.argv[1] + '/featurizer.json', encoding='utf-8'))
fz = predict.FEATURIZERS[spec['featurizer']['kind']](spec['featurizer'])
out = {'texts': [], 'viterbi': predict.viterbi(__import__('numpy').array(req['probs']), spec['labels'])}
for t in req['texts']:
    toks = predict.tokenize(t)
    words = [t[a:b] for a, b in toks]
    feats, starts = fz.encode(words)
    windows = predict.plan_windows([fz.count(w) for w in words], 8)
    out['texts'].append({'tokens': toks, 'features': feats, 'starts': starts, 'windows': windows})
print(json.dumps(out))
`

let p: TrainedProject
beforeAll(async () => {
  if (python) p = await trainedProject()
}, 120_000)
afterAll(() => p?.cleanup())

describe.skipIf(!python)('predict.py steps equal NER Studio’s', () => {
  for (const version of [1, 3]) {
    it(`model version ${version} (${version === 1 ? 'affix features' : 'WordPiece'})`, async () => {
      const dir = join(p.dir, `pkg-${version}`)
      await exportProjectModel({ projectPath: p.path, version, outDir: dir })
      const spec = JSON.parse(readFileSync(join(dir, 'featurizer.json'), 'utf8')) as {
        featurizer: object
        labels: string[]
      }
      const fz = featurizerFromJSON(spec.featurizer, 'featurizer.json')
      const rng = new Rng(11)
      const rows = 12
      const probs = Array.from({ length: rows }, () => {
        const r = spec.labels.map(() => rng.next() + 1e-3)
        const s = r.reduce((a, b) => a + b, 0)
        return r.map((x) => x / s)
      })
      const out = JSON.parse(
        execFileSync('python3', ['-c', SCRIPT, dir], {
          input: JSON.stringify({ texts: TEXTS, probs }),
          encoding: 'utf8',
        }),
      ) as {
        texts: {
          tokens: [number, number][]
          features: Record<string, number[]>
          starts: number[]
          windows: [number, number][]
        }[]
        viterbi: number[]
      }
      expect(out.viterbi).toEqual(viterbiBio(Float64Array.from(probs.flat()), rows, spec.labels))
      TEXTS.forEach((text, i) => {
        const toks = tokenize(text)
        const cp = codePointIndex(text)
        const py = out.texts[i]!
        expect(py.tokens, text).toEqual(toks.map((t) => [cp(t.start), cp(t.end)]))
        const words = toks.map((t) => text.slice(t.start, t.end))
        const enc = fz.encodeWords(words)
        expect(py.features, text).toEqual(enc.features)
        expect(py.starts).toEqual(enc.wordStart)
        const framing = fz.kind === 'wordpiece' ? 2 : 0
        const counts = words.map((w) => fz.encodeWords([w]).features.attention_mask!.length - framing)
        expect(py.windows).toEqual(planWindows(counts, 8).map((w) => [w.start, w.end]))
      })
    }, 60_000)
  }
})
