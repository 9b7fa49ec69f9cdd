/**
 * Model versions: their scores and settings, which one suggests spans, a side-by-side comparison of
 * two versions per label, and export of the deployable package.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useState } from 'react'
import type { ModelExportView, ModelVersion } from '../../../shared/api/features/training'
import { useApi } from '../api/context'
import { errorSentence, useCall } from '../api/hooks'

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : (100 * x).toFixed(1))
const kb = (n: number) => (n > 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.ceil(n / 1024)} kB`)

function Compare({ a, b }: { a: ModelVersion; b: ModelVersion }) {
  const types = [
    ...new Set([...Object.keys(a.metrics?.perType ?? {}), ...Object.keys(b.metrics?.perType ?? {})]),
  ].sort()
  const rows = [...types.map((t) => [t, a.metrics?.perType[t]?.f1, b.metrics?.perType[t]?.f1] as const)]
  rows.push(['micro', a.metrics?.micro.f1, b.metrics?.micro.f1])
  return (
    <Table data-testid="compare-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Label</Table.Th>
          <Table.Th ta="right">v{a.version} F1</Table.Th>
          <Table.Th ta="right">v{b.version} F1</Table.Th>
          <Table.Th ta="right">Change</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([label, fa, fb]) => {
          const delta = fa !== undefined && fb !== undefined ? 100 * (fb - fa) : null
          return (
            <Table.Tr key={label} fw={label === 'micro' ? 600 : undefined}>
              <Table.Td>{label}</Table.Td>
              <Table.Td ta="right">{pct(fa)}</Table.Td>
              <Table.Td ta="right">{pct(fb)}</Table.Td>
              <Table.Td ta="right" c={delta === null ? undefined : delta >= 0 ? 'green' : 'red'}>
                {delta === null ? '–' : `${delta >= 0 ? '+' : ''}${delta.toFixed(1)}`}
              </Table.Td>
            </Table.Tr>
          )
        })}
      </Table.Tbody>
    </Table>
  )
}

export function ModelsPage() {
  const api = useApi()
  const models = useCall('models.list', {})
  const list = models.data ?? []
  const [left, setLeft] = useState<string | null>(null)
  const [right, setRight] = useState<string | null>(null)
  const [exportVersion, setExportVersion] = useState<string | null>(null)
  const [int8, setInt8] = useState(false)
  const [hf, setHf] = useState(false)
  const [folder, setFolder] = useState('')
  const [stage, setStage] = useState<string | null>(null)
  const [result, setResult] = useState<ModelExportView | null>(null)
  useEffect(
    () => api.on('models.exportProgress', (p) => setStage(p.stage === 'done' ? null : p.stage)),
    [api],
  )
  const fail = (title: string) => (err: unknown) => {
    setStage(null)
    notifications.show({ color: 'red', title, message: errorSentence(err) })
  }
  const byVersion = (v: string | null) => list.find((m) => String(m.version) === v)
  const a = byVersion(left ?? (list[1] ? String(list[1].version) : null))
  const b = byVersion(right ?? (list[0] ? String(list[0].version) : null))
  const chosenExport = exportVersion ?? (list[0] ? String(list[0].version) : null)
  const versions = list.map((m) => ({
    value: String(m.version),
    label: `v${m.version} (dev F1 ${pct(m.devF1)})`,
  }))

  const runExport = () => {
    if (!chosenExport) return
    setResult(null)
    setStage('writing')
    void api
      .invoke('models.export', {
        version: Number(chosenExport),
        hf,
        ...(int8 ? { quantize: 'int8' as const } : {}),
        ...(folder.trim() ? { outDir: folder.trim() } : {}),
      })
      .then((r) => {
        setStage(null)
        setResult(r)
      }, fail('Export failed'))
  }

  return (
    <Stack maw={1100}>
      <Title order={3}>Models</Title>
      {list.length === 0 && <Text c="dimmed">No model yet: train one on the Train page.</Text>}
      {list.length > 0 && (
        <Table data-testid="models-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Architecture</Table.Th>
              <Table.Th ta="right">Dev F1</Table.Th>
              <Table.Th ta="right">Training sentences</Table.Th>
              <Table.Th>Settings</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>v{m.version}</Table.Td>
                <Table.Td>{m.architecture}</Table.Td>
                <Table.Td ta="right">{pct(m.devF1)}</Table.Td>
                <Table.Td ta="right">{m.trainSentences?.toLocaleString() ?? '–'}</Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {m.settings.epochs ?? '?'} epochs · batch {m.settings.batchSize ?? '?'} · lr{' '}
                    {m.settings.lr ?? '?'} · seed {m.settings.seed ?? '?'} · {m.provider ?? 'cpu'}
                  </Text>
                </Table.Td>
                <Table.Td>{new Date(m.createdAt).toLocaleString()}</Table.Td>
                <Table.Td>
                  {m.active ? (
                    <Badge color="green">active</Badge>
                  ) : (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() =>
                        void api.invoke('models.activate', { version: m.version }).catch(fail('Not changed'))
                      }
                    >
                      Use for suggestions
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.length > 1 && a && b && (
        <Card withBorder>
          <Group mb="sm">
            <Text fw={600}>Compare</Text>
            <Select
              data={versions}
              value={String(a.version)}
              onChange={setLeft}
              w={200}
              aria-label="First version"
            />
            <Select
              data={versions}
              value={String(b.version)}
              onChange={setRight}
              w={200}
              aria-label="Second version"
            />
          </Group>
          <Compare a={a} b={b} />
        </Card>
      )}
      {list.length > 0 && (
        <Card withBorder>
          <Text fw={600} mb="xs">
            Export a deployable package
          </Text>
          <Text size="sm" c="dimmed" mb="sm">
            model.onnx (inputs input_ids and attention_mask, output logits), the tokenizer or featurizer,
            config.json with the labels, a model card and predict.mjs / predict.py samples.
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Select label="Version" data={versions} value={chosenExport} onChange={setExportVersion} />
            <TextInput
              label="Folder (optional)"
              placeholder="next to the project file"
              value={folder}
              onChange={(e) => setFolder(e.currentTarget.value)}
            />
          </SimpleGrid>
          <Group mt="sm">
            <Checkbox
              label="int8 (about a quarter of the size)"
              checked={int8}
              onChange={(e) => setInt8(e.currentTarget.checked)}
            />
            <Checkbox
              label="Hugging Face files (BERT models)"
              checked={hf}
              onChange={(e) => setHf(e.currentTarget.checked)}
            />
            <Button onClick={runExport} loading={stage !== null} data-testid="export-model">
              Export
            </Button>
          </Group>
          {stage && (
            <Stack gap={4} mt="sm">
              <Progress value={100} animated aria-label="Export progress" />
              <Text size="sm" c="dimmed">
                {stage === 'quantizing' ? 'Quantizing the weights to int8…' : 'Writing the package…'}
              </Text>
            </Stack>
          )}
          {result && (
            <Alert color="green" mt="sm" title={`Exported v${result.version}`} data-testid="export-result">
              <Text size="sm">{result.outDir}</Text>
              <Text size="sm">
                model.onnx {kb(result.onnxBytes)}
                {result.onnxBytes !== result.fp32Bytes &&
                  ` (${Math.round((100 * result.onnxBytes) / result.fp32Bytes)}% of the float32 model)`}
                {result.testF1 !== null && ` · test F1 ${pct(result.testF1)}`}
              </Text>
              <Text size="xs" c="dimmed">
                {result.files.map((f) => f.name).join(', ')}
              </Text>
              {result.warnings.map((w) => (
                <Text key={w} size="sm" c="orange">
                  {w}
                </Text>
              ))}
              <Button
                size="xs"
                variant="default"
                mt="xs"
                onClick={() =>
                  void api.invoke('models.openFolder', { path: result.outDir }).catch(fail('Cannot open it'))
                }
              >
                Open folder
              </Button>
            </Alert>
          )}
        </Card>
      )}
    </Stack>
  )
}
