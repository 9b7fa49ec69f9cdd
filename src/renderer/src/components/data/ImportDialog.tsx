/**
 * Importing files from the user's disk: choose files and options, watch the bytes being read,
 * encoded and imported, then see what was added (documents, tokens, spans per label, duplicates,
 * warnings). A malformed file is refused whole, and its file:line sentence is shown as is.
 */
import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Modal,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core'
import { useEffect, useState } from 'react'
import type { InputOf } from '../../../../shared/api/contract'
import type { ImportSummary } from '../../../../shared/api/features/data'
import { useApi } from '../../api/context'
import { errorSentence } from '../../api/hooks'
import { readFileBytes, toBase64 } from './files'

type Request = InputOf<'data.import'>

interface Stage {
  label: string
  /** 0..100 over the whole import, or null while the core works without reporting. */
  percent: number | null
}

// Shares of the bar: reading and encoding happen here, parsing and writing in the core.
const READ = [0, 15] as const
const ENCODE = [15, 30] as const
const PARSE = [30, 45] as const
const WRITE = [45, 100] as const
const within = ([from, to]: readonly [number, number], done: number, total: number) =>
  Math.round(from + ((to - from) * done) / Math.max(total, 1))

const FORMATS = [
  { value: 'auto', label: 'Detect from the file' },
  { value: 'conll', label: 'CoNLL (token per line)' },
  { value: 'spacy', label: 'spaCy / Prodigy JSONL' },
  { value: 'doccano', label: 'doccano JSONL' },
  { value: 'hf', label: 'Hugging Face tokens/tags JSONL' },
  { value: 'txt', label: 'Plain text' },
]
const SCHEMES = [
  { value: 'auto', label: 'Detect' },
  { value: 'iob1', label: 'IOB1' },
  { value: 'iob2', label: 'IOB2 (BIO)' },
  { value: 'bioes', label: 'BIOES' },
]
const DOCUMENT_PER = [
  { value: 'auto', label: 'Format default' },
  { value: 'docstart', label: '-DOCSTART- blocks' },
  { value: 'sentence', label: 'Sentence' },
  { value: 'line', label: 'Line' },
  { value: 'paragraph', label: 'Paragraph' },
]

export function ImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const api = useApi()
  const [files, setFiles] = useState<File[]>([])
  const [format, setFormat] = useState('auto')
  const [scheme, setScheme] = useState('auto')
  const [split, setSplit] = useState('train')
  const [status, setStatus] = useState('auto')
  const [documentPer, setDocumentPer] = useState('auto')
  const [stage, setStage] = useState<Stage | null>(null)
  const [summary, setSummary] = useState<ImportSummary | null>(null)
  const [error, setError] = useState<string | null>(null)
  const running = stage !== null

  useEffect(
    () =>
      api.on('data.importProgress', (p) => {
        const stage: Stage =
          p.phase === 'parse'
            ? {
                label: `Checking file ${Math.min(p.done + 1, p.total)} of ${p.total}`,
                percent: within(PARSE, p.done, p.total),
              }
            : {
                label: `Writing ${p.done.toLocaleString()} of ${p.total.toLocaleString()} documents`,
                percent: within(WRITE, p.done, p.total),
              }
        // Only while this dialog's import runs; events of another window's import are not ours.
        setStage((s) => (s ? stage : s))
      }),
    [api],
  )

  const reset = () => {
    setFiles([])
    setSummary(null)
    setError(null)
  }
  const close = () => {
    if (running) return
    reset()
    onClose()
  }

  const run = async () => {
    setError(null)
    setSummary(null)
    try {
      const total = files.reduce((n, f) => n + f.size, 0) || 1
      let before = 0
      const payload: { name: string; bytes: Uint8Array }[] = []
      for (const file of files) {
        setStage({ label: `Reading ${file.name}`, percent: within(READ, before, total) })
        const bytes = await readFileBytes(file, (done) =>
          setStage({ label: `Reading ${file.name}`, percent: within(READ, before + done, total) }),
        )
        before += file.size
        payload.push({ name: file.name, bytes })
      }
      before = 0
      const encoded: Request['files'] = []
      for (const { name, bytes } of payload) {
        const contentBase64 = await toBase64(bytes, (done) =>
          setStage({ label: `Preparing ${name}`, percent: within(ENCODE, before + done, total) }),
        )
        before += bytes.length
        encoded.push({ name, contentBase64 })
      }
      setStage({ label: 'Sending the files', percent: null })
      const request: Request = {
        files: encoded,
        split: split as NonNullable<Request['split']>,
        ...(format !== 'auto' ? { format: format as NonNullable<Request['format']> } : {}),
        ...(scheme !== 'auto' ? { scheme: scheme as NonNullable<Request['scheme']> } : {}),
        ...(status !== 'auto' ? { status: status as NonNullable<Request['status']> } : {}),
        ...(documentPer !== 'auto'
          ? { documentPer: documentPer as NonNullable<Request['documentPer']> }
          : {}),
      }
      setSummary(await api.invoke('data.import', request))
    } catch (err) {
      setError(errorSentence(err))
    } finally {
      setStage(null)
    }
  }

  const tagged = format === 'auto' || format === 'conll' || format === 'hf'
  return (
    <Modal opened={opened} onClose={close} title="Import documents" size="lg" closeOnClickOutside={!running}>
      {summary ? (
        <ImportSummaryView summary={summary} onAgain={reset} onClose={close} />
      ) : (
        <Stack>
          <FileInput
            label="Files"
            placeholder="Choose one or more files"
            multiple
            clearable
            value={files}
            onChange={setFiles}
            disabled={running}
            data-testid="import-files"
          />
          <SimpleGrid cols={2}>
            <Select
              label="Format"
              data={FORMATS}
              value={format}
              onChange={(v) => setFormat(v ?? 'auto')}
              allowDeselect={false}
              disabled={running}
            />
            <Select
              label="Tag scheme"
              data={SCHEMES}
              value={scheme}
              onChange={(v) => setScheme(v ?? 'auto')}
              allowDeselect={false}
              disabled={running || !tagged}
            />
            <Select
              label="Split"
              data={['train', 'dev', 'test', 'none']}
              value={split}
              onChange={(v) => setSplit(v ?? 'train')}
              allowDeselect={false}
              disabled={running}
            />
            <Select
              label="Status"
              data={[
                { value: 'auto', label: 'Done when the file has labels' },
                { value: 'todo', label: 'To do' },
                { value: 'done', label: 'Done' },
              ]}
              value={status}
              onChange={(v) => setStatus(v ?? 'auto')}
              allowDeselect={false}
              disabled={running}
            />
            <Select
              label="One document per"
              data={DOCUMENT_PER}
              value={documentPer}
              onChange={(v) => setDocumentPer(v ?? 'auto')}
              allowDeselect={false}
              disabled={running}
            />
          </SimpleGrid>
          {stage && (
            <Stack gap={4} data-testid="import-progress">
              <Text size="sm" data-testid="import-stage">
                {stage.label}…
              </Text>
              <Progress
                value={stage.percent ?? 100}
                animated={stage.percent === null}
                striped={stage.percent === null}
              />
            </Stack>
          )}
          {error && (
            <Alert color="red" title="Nothing was imported" data-testid="import-error">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={running}>
              Cancel
            </Button>
            <Button
              onClick={() => void run()}
              loading={running}
              disabled={files.length === 0}
              data-testid="import-start"
            >
              Import
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}

function ImportSummaryView({
  summary,
  onAgain,
  onClose,
}: {
  summary: ImportSummary
  onAgain: () => void
  onClose: () => void
}) {
  const labels = Object.entries(summary.spansPerLabel).sort((a, b) => b[1] - a[1])
  const warnings = summary.files.flatMap((f) => f.warnings)
  const warningCount = summary.files.reduce((n, f) => n + f.warningCount, 0)
  return (
    <Stack data-testid="import-summary">
      <SimpleGrid cols={3}>
        {(
          [
            ['Documents added', summary.documents, 'summary-documents'],
            ['Tokens', summary.tokens, 'summary-tokens'],
            ['Duplicates skipped', summary.duplicates, 'summary-duplicates'],
          ] as const
        ).map(([label, value, id]) => (
          <Stack gap={0} key={id}>
            <Text size="sm" c="dimmed">
              {label}
            </Text>
            <Text size="xl" fw={600} data-testid={id}>
              {value.toLocaleString()}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>File</Table.Th>
            <Table.Th>Format</Table.Th>
            <Table.Th ta="right">Documents</Table.Th>
            <Table.Th ta="right">Spans</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {summary.files.map((f) => (
            <Table.Tr key={f.fileName}>
              <Table.Td>{f.fileName}</Table.Td>
              <Table.Td>
                {f.format}
                {f.scheme ? ` (${f.scheme.toUpperCase()})` : ''}
              </Table.Td>
              <Table.Td ta="right">{f.documents.toLocaleString()}</Table.Td>
              <Table.Td ta="right">{f.spans.toLocaleString()}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {labels.length > 0 && (
        <Group gap={6} data-testid="summary-labels">
          <Text size="sm" c="dimmed">
            Spans per label:
          </Text>
          {labels.map(([label, n]) => (
            <Badge key={label} variant="light" data-testid={`summary-label-${label}`}>
              {label} {n.toLocaleString()}
            </Badge>
          ))}
        </Group>
      )}
      {warningCount > 0 && (
        <Alert
          color="yellow"
          title={`${warningCount.toLocaleString()} warnings`}
          data-testid="import-warnings"
        >
          <Stack gap={2}>
            {warnings.slice(0, 20).map((w, i) => (
              <Text size="sm" key={i}>
                {w.where}: {w.message}
              </Text>
            ))}
            {warningCount > 20 && (
              <Text size="sm" c="dimmed">
                and {(warningCount - 20).toLocaleString()} more.
              </Text>
            )}
          </Stack>
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onAgain}>
          Import more
        </Button>
        <Button onClick={onClose} data-testid="import-done">
          Done
        </Button>
      </Group>
    </Stack>
  )
}
