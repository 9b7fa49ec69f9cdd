/**
 * Exporting the project's documents and spans as a file the user downloads: choose a format and
 * which documents, then see what went out, including spans a token format could not express.
 */
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { InputOf } from '../../../../shared/api/contract'
import type { ExportResultView } from '../../../../shared/api/features/data'
import { useApi } from '../../api/context'
import { errorSentence } from '../../api/hooks'
import { downloadText } from './files'

type Request = InputOf<'data.export'>

const FORMATS = [
  { value: 'conll', label: 'CoNLL (token per line)' },
  { value: 'spacy', label: 'spaCy / Prodigy JSONL' },
  { value: 'doccano', label: 'doccano JSONL' },
  { value: 'hf', label: 'Hugging Face tokens/tags JSONL' },
  { value: 'txt', label: 'Plain text (no labels)' },
]

type Result = Omit<ExportResultView, 'content'> & { bytes: number }

export function ExportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const api = useApi()
  const [format, setFormat] = useState<Request['format']>('conll')
  const [scheme, setScheme] = useState<NonNullable<Request['scheme']>>('iob2')
  const [split, setSplit] = useState('any')
  const [status, setStatus] = useState('done')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<Result | null>(null)
  const [error, setError] = useState<string | null>(null)

  const run = async () => {
    setBusy(true)
    setError(null)
    setResult(null)
    try {
      const out = await api.invoke('data.export', {
        format,
        ...(format === 'conll' || format === 'hf' ? { scheme } : {}),
        ...(split !== 'any' ? { split: split as NonNullable<Request['split']> } : {}),
        ...(status !== 'any' ? { status: status as NonNullable<Request['status']> } : {}),
      })
      const { content, ...rest } = out
      downloadText(
        out.fileName,
        content,
        format === 'txt' || format === 'conll'
          ? 'text/plain;charset=utf-8'
          : 'application/x-ndjson;charset=utf-8',
      )
      setResult({ ...rest, bytes: new Blob([content]).size })
    } catch (err) {
      setError(errorSentence(err))
    } finally {
      setBusy(false)
    }
  }

  const close = () => {
    setResult(null)
    setError(null)
    onClose()
  }

  return (
    <Modal opened={opened} onClose={close} title="Export documents" size="lg">
      <Stack>
        <SimpleGrid cols={2}>
          <Select
            label="Format"
            data={FORMATS}
            value={format}
            onChange={(v) => v && setFormat(v as Request['format'])}
            allowDeselect={false}
            data-testid="export-format"
          />
          <Select
            label="Tag scheme"
            data={[
              { value: 'iob2', label: 'IOB2 (BIO)' },
              { value: 'iob1', label: 'IOB1' },
              { value: 'bioes', label: 'BIOES' },
            ]}
            value={scheme}
            onChange={(v) => v && setScheme(v as NonNullable<Request['scheme']>)}
            allowDeselect={false}
            disabled={format !== 'conll' && format !== 'hf'}
          />
          <Select
            label="Split"
            data={[{ value: 'any', label: 'All splits' }, 'train', 'dev', 'test', 'none']}
            value={split}
            onChange={(v) => setSplit(v ?? 'any')}
            allowDeselect={false}
          />
          <Select
            label="Status"
            data={[
              { value: 'done', label: 'Done' },
              { value: 'any', label: 'Any status' },
              { value: 'todo', label: 'To do' },
              { value: 'skipped', label: 'Skipped' },
            ]}
            value={status}
            onChange={(v) => setStatus(v ?? 'done')}
            allowDeselect={false}
          />
        </SimpleGrid>
        {error && (
          <Alert color="red" title="Nothing was exported" data-testid="export-error">
            {error}
          </Alert>
        )}
        {result && (
          <Alert color="green" title={`Saved ${result.fileName}`} data-testid="export-summary">
            <Text size="sm">
              {result.documents.toLocaleString()} documents, {result.spans.toLocaleString()} spans,{' '}
              {(result.bytes / 1024).toLocaleString(undefined, { maximumFractionDigits: 0 })} kB.
            </Text>
            {result.skippedSpans > 0 && (
              <Text size="sm">
                {result.skippedSpans.toLocaleString()} spans could not be written in this format (they do not
                line up with tokens).
              </Text>
            )}
            {result.warnings.slice(0, 10).map((w, i) => (
              <Text size="sm" key={i}>
                {w.where}: {w.message}
              </Text>
            ))}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Close
          </Button>
          <Button onClick={() => void run()} loading={busy} data-testid="export-start">
            Export
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
