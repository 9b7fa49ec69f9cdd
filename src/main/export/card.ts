/**
 * README.md of an exported package: a model card with what a user of the model needs to judge it
 * (labels, data, scores, settings, date) and how to run it, written from the project's records.
 */
import type { Prf } from '../../shared/api/features/training'

export interface CardMetrics {
  micro: Prf
  perType: Record<string, Prf>
}

export interface ModelCard {
  name: string
  version: number
  architecture: string
  entityTypes: string[]
  tags: string[]
  created: string
  exported: string
  data: {
    documents: Record<string, number>
    trainSentences: number | null
    spansPerLabel: Record<string, number>
  }
  dev: CardMetrics | null
  test: (CardMetrics & { sentences: number }) | null
  settings: Record<string, unknown>
  quantized: boolean
  inputs: string[]
  maxLen: number
}

const pct = (x: number) => (100 * x).toFixed(1)

function metricsTable(m: CardMetrics): string {
  const rows = Object.entries(m.perType)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([t, p]) => `| ${t} | ${pct(p.precision)} | ${pct(p.recall)} | ${pct(p.f1)} | ${p.support} |`)
  rows.push(
    `| **micro** | ${pct(m.micro.precision)} | ${pct(m.micro.recall)} | **${pct(m.micro.f1)}** | ${m.micro.support} |`,
  )
  return [
    '| type | precision | recall | F1 | support |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n')
}

export function renderCard(c: ModelCard): string {
  const docs = Object.entries(c.data.documents)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')
  const spans = Object.entries(c.data.spansPerLabel)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')
  const settings = Object.entries(c.settings)
    .map(([k, v]) => `| ${k} | ${typeof v === 'string' ? v : JSON.stringify(v)} |`)
    .join('\n')
  return `# ${c.name} — named-entity model, version ${c.version}

Exported by NER Studio on ${c.exported} (model trained ${c.created}).

## Model

- Architecture: ${c.architecture}${c.quantized ? ' (weights quantized to int8)' : ''}
- Entity types: ${c.entityTypes.join(', ')}
- Tags (logits order): ${c.tags.join(', ')} (IOB2)
- ONNX inputs: ${c.inputs.map((i) => `\`${i}\``).join(', ')} (int64, [batch, sequence]); output \`logits\` [batch, sequence, ${c.tags.length}]
- Longest window: ${c.maxLen} pieces; longer texts are read in overlapping windows, never cut.

## Data

- Labelled documents by split: ${docs || 'none'}
- Training sentences: ${c.data.trainSentences ?? 'unknown'}
- Spans per label in the project: ${spans || 'none'}

## Scores

Strict entity-level precision, recall and F1 (the conlleval convention), in percent.

### Dev

${c.dev ? `Measured during training (float32).\n\n${metricsTable(c.dev)}` : 'No dev scores were recorded.'}

### Test

${c.test ? `${c.test.sentences} sentences of the project's test split, scored with this package's model${c.quantized ? ' (int8)' : ''}.\n\n${metricsTable(c.test)}` : 'The project has no labelled test documents, so there is no test score.'}

## Training settings

| setting | value |
| --- | --- |
${settings}

## Use

\`\`\`sh
npm install onnxruntime-node
node predict.mjs "Angela Merkel visited Paris."

pip install onnxruntime numpy
python predict.py "Angela Merkel visited Paris."
\`\`\`

Each prints one JSON line: the text and its spans \`{start, end, label, score}\`, offsets in Unicode code
points (end-exclusive), score the mean probability of the span's tags. \`featurizer.json\` holds the
input vocabulary and settings; \`config.json\` has \`id2label\` / \`label2id\`.

## Intended use and limits

Intended for tagging ${c.entityTypes.join(', ')} in text like the project's training documents. Scores above
come from the project's own dev and test documents; expect lower accuracy on text of another domain,
genre, period or language, and check its output before relying on it. The model sees words as the
NER Studio tokenizer splits them; entities that do not start and end on those word boundaries cannot be
found. It has no knowledge beyond its training data and should not be the only basis for decisions
about people.
`
}
