/** Paged, filterable list of documents; opening one goes to the editor. */
import { Alert, Badge, Group, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import type { DocStatus, Split } from '../../../shared/types'
import { useCall } from '../api/hooks'
import { navigate } from '../router'

const PAGE = 50

export function DocumentsPage() {
  const [page, setPage] = useState(1)
  const [split, setSplit] = useState<Split | null>(null)
  const [status, setStatus] = useState<DocStatus | null>(null)
  const [query, setQuery] = useState('')
  const [debounced] = useDebouncedValue(query, 200)
  const list = useCall('documents.list', {
    offset: (page - 1) * PAGE,
    limit: PAGE,
    ...(split ? { split } : {}),
    ...(status ? { status } : {}),
    ...(debounced ? { query: debounced } : {}),
  })
  const total = list.data?.total ?? 0
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>Documents</Title>
        <Text c="dimmed" size="sm" data-testid="documents-total">
          {total.toLocaleString()} documents
        </Text>
      </Group>
      <Group>
        <TextInput
          placeholder="Search text"
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value)
            setPage(1)
          }}
          w={280}
          aria-label="Search documents"
        />
        <Select
          placeholder="Any split"
          data={['train', 'dev', 'test', 'none']}
          value={split}
          onChange={(v) => {
            setSplit(v as Split | null)
            setPage(1)
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
            setPage(1)
          }}
          clearable
          w={140}
          aria-label="Status"
        />
      </Group>
      {list.error && <Alert color="red">{list.error}</Alert>}
      <Table highlightOnHover striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>#</Table.Th>
            <Table.Th>Text</Table.Th>
            <Table.Th w={90}>Split</Table.Th>
            <Table.Th w={90}>Status</Table.Th>
            <Table.Th w={220}>Labels</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((d) => (
            <Table.Tr
              key={d.id}
              style={{ cursor: 'pointer' }}
              onClick={() => navigate({ page: 'editor', documentId: d.id })}
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
                <Badge
                  variant="light"
                  color={d.status === 'done' ? 'green' : d.status === 'skipped' ? 'yellow' : 'gray'}
                >
                  {d.status}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {Object.entries(d.labelCounts).map(([l, n]) => (
                    <Badge key={l} size="sm" variant="outline">
                      {l} {n}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {total > PAGE && <Pagination value={page} onChange={setPage} total={Math.ceil(total / PAGE)} />}
    </Stack>
  )
}
