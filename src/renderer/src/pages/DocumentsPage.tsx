/**
 * Paged, filterable, searchable list of documents; opening one goes to the editor. Keyboard first:
 * j/k or the arrows move through the rows, Enter opens, / searches, [ and ] turn pages.
 */
import {
  Alert,
  Badge,
  Button,
  Group,
  Kbd,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core'
import { useDebouncedValue, useHotkeys } from '@mantine/hooks'
import { useEffect, useRef, useState } from 'react'
import type { DocStatus, Split } from '../../../shared/types'
import { useCall } from '../api/hooks'
import { ExportDialog } from '../components/data/ExportDialog'
import { ImportDialog } from '../components/data/ImportDialog'
import { navigate } from '../router'

const PAGE = 50
const STATUS_COLOR: Record<DocStatus, string> = { done: 'green', skipped: 'yellow', todo: 'gray' }

export function DocumentsPage() {
  const [page, setPage] = useState(1)
  const [split, setSplit] = useState<Split | null>(null)
  const [status, setStatus] = useState<DocStatus | null>(null)
  const [query, setQuery] = useState('')
  const [debounced] = useDebouncedValue(query, 200)
  const [cursor, setCursor] = useState(0)
  const [dialog, setDialog] = useState<'import' | 'export' | null>(null)
  const search = useRef<HTMLInputElement>(null)
  const rows = useRef<HTMLTableSectionElement>(null)
  const list = useCall('documents.list', {
    offset: (page - 1) * PAGE,
    limit: PAGE,
    ...(split ? { split } : {}),
    ...(status ? { status } : {}),
    ...(debounced ? { query: debounced } : {}),
  })
  const labels = useCall('labels.list', {})
  const colors = new Map(labels.data?.map((l) => [l.name, l.color]))
  const items = list.data?.items ?? []
  const total = list.data?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / PAGE))
  const current = Math.min(cursor, Math.max(0, items.length - 1))

  const turn = (p: number) => {
    setPage(Math.min(Math.max(1, p), pages))
    setCursor(0)
  }
  const open = (i: number) => {
    const d = items[i]
    if (d) navigate({ page: 'editor', documentId: d.id })
  }
  // Keys belong to a dialog while one is open.
  const free = dialog === null
  useHotkeys([
    ['j', () => free && setCursor(Math.min(current + 1, items.length - 1))],
    ['ArrowDown', () => free && setCursor(Math.min(current + 1, items.length - 1))],
    ['k', () => free && setCursor(Math.max(current - 1, 0))],
    ['ArrowUp', () => free && setCursor(Math.max(current - 1, 0))],
    ['Enter', () => free && open(current)],
    ['/', () => free && search.current?.focus()],
    ['[', () => free && turn(page - 1)],
    [']', () => free && turn(page + 1)],
  ])
  useEffect(() => {
    rows.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' })
  }, [current])

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>Documents</Title>
        <Group gap="sm">
          <Text c="dimmed" size="sm" data-testid="documents-total">
            {total.toLocaleString()}
            {list.data?.totalCapped ? '+' : ''} documents
          </Text>
          <Button variant="default" onClick={() => setDialog('import')} data-testid="open-import">
            Import…
          </Button>
          <Button variant="default" onClick={() => setDialog('export')} data-testid="open-export">
            Export…
          </Button>
        </Group>
      </Group>
      <Group>
        <TextInput
          ref={search}
          placeholder="Search text"
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value)
            turn(1)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' || e.key === 'Enter') e.currentTarget.blur()
          }}
          w={280}
          aria-label="Search documents"
          rightSection={<Kbd size="xs">/</Kbd>}
        />
        <Select
          placeholder="Any split"
          data={['train', 'dev', 'test', 'none']}
          value={split}
          onChange={(v) => {
            setSplit(v as Split | null)
            turn(1)
          }}
          clearable
          w={140}
          aria-label="Split"
        />
        <Select
          placeholder="Any status"
          data={['todo', 'done', 'skipped']}
          value={status}
          onChange={(v) => {
            setStatus(v as DocStatus | null)
            turn(1)
          }}
          clearable
          w={140}
          aria-label="Status"
        />
        <Text size="xs" c="dimmed">
          <Kbd size="xs">j</Kbd> <Kbd size="xs">k</Kbd> move · <Kbd size="xs">Enter</Kbd> open ·{' '}
          <Kbd size="xs">[</Kbd> <Kbd size="xs">]</Kbd> page
        </Text>
      </Group>
      {list.error && <Alert color="red">{list.error}</Alert>}
      {list.data && items.length === 0 && (
        <Text c="dimmed" data-testid="documents-empty">
          {debounced || split || status
            ? 'No document matches.'
            : 'This project has no documents yet; import some.'}
        </Text>
      )}
      <Table highlightOnHover striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>#</Table.Th>
            <Table.Th>Text</Table.Th>
            <Table.Th w={70}>Split</Table.Th>
            <Table.Th w={90}>Status</Table.Th>
            <Table.Th w={70} ta="right">
              Spans
            </Table.Th>
            <Table.Th w={240}>Labels</Table.Th>
            <Table.Th w={70} ta="right">
              <Tooltip label="The model's lowest confidence among pending suggestions">
                <span>Score</span>
              </Tooltip>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={rows}>
          {items.map((d, i) => (
            <Table.Tr
              key={d.id}
              aria-selected={i === current}
              style={{
                cursor: 'pointer',
                outline: i === current ? '2px solid var(--mantine-primary-color-filled)' : undefined,
                outlineOffset: -2,
              }}
              onClick={() => open(i)}
              onMouseEnter={() => setCursor(i)}
              data-testid="document-row"
            >
              <Table.Td>{d.id}</Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={1}>
                  {d.preview}
                </Text>
              </Table.Td>
              <Table.Td>{d.split}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={STATUS_COLOR[d.status]}>
                  {d.status}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{d.spanCount}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {Object.entries(d.labelCounts).map(([l, n]) => (
                    <Badge key={l} size="sm" variant="outline" color={colors.get(l) ?? 'gray'}>
                      {l} {n}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td ta="right">{d.score === null ? '' : d.score.toFixed(2)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {pages > 1 && <Pagination value={page} onChange={turn} total={pages} />}
      <ImportDialog opened={dialog === 'import'} onClose={() => setDialog(null)} />
      <ExportDialog opened={dialog === 'export'} onClose={() => setDialog(null)} />
    </Stack>
  )
}
