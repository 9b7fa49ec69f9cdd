/**
 * Dictionary terms and regular expressions per label. Before any model is trained they propose
 * spans in the editor, drawn as suggestions to accept or reject.
 */
import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  FileButton,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useApi } from '../api/context'
import { errorSentence, useCall } from '../api/hooks'

export function PatternsPage() {
  const api = useApi()
  const labels = useCall('labels.list', {})
  const patterns = useCall('patterns.list', {})
  const [label, setLabel] = useState<string | null>(null)
  const [kind, setKind] = useState<'term' | 'regex'>('term')
  const [pattern, setPattern] = useState('')
  const [caseSensitive, setCaseSensitive] = useState(false)
  const chosen = label ?? labels.data?.[0]?.name ?? null
  const fail = (title: string) => (err: unknown) =>
    notifications.show({ color: 'red', title, message: errorSentence(err) })

  const add = () => {
    if (!chosen || !pattern.trim()) return
    void api
      .invoke('patterns.add', { label: chosen, kind, pattern, caseSensitive })
      .then(() => setPattern(''), fail('Pattern not added'))
  }
  const importFile = async (file: File | null) => {
    if (!file) return
    const content = await file.text()
    await api
      .invoke('patterns.import', { fileName: file.name, content, ...(chosen ? { label: chosen } : {}) })
      .then(
        (r) =>
          notifications.show({
            title: 'Patterns imported',
            message: `${r.added} new of ${r.read} read from ${file.name}.`,
          }),
        fail('Patterns not imported'),
      )
  }

  return (
    <Stack maw={860}>
      <Title order={3}>Patterns</Title>
      <Text size="sm" c="dimmed">
        Terms match whole words (case-insensitively unless you ask otherwise); regular expressions count where
        they start and end on word boundaries. Their matches appear in the editor as suggestions.
      </Text>
      <Group align="end">
        <Select
          label="Label"
          data={labels.data?.map((l) => l.name) ?? []}
          value={chosen}
          onChange={setLabel}
          w={160}
          aria-label="Pattern label"
        />
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as 'term' | 'regex')}
          data={[
            { label: 'Term', value: 'term' },
            { label: 'Regex', value: 'regex' },
          ]}
        />
        <TextInput
          label={kind === 'term' ? 'Term' : 'Regular expression'}
          placeholder={kind === 'term' ? 'e.g. Acme Corp' : 'e.g. \\d{4}-\\d{2}-\\d{2}'}
          value={pattern}
          onChange={(e) => setPattern(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && add()}
          style={{ flex: 1 }}
          data-testid="pattern-input"
        />
        <Checkbox
          label="Match case"
          checked={caseSensitive}
          onChange={(e) => setCaseSensitive(e.currentTarget.checked)}
        />
        <Button onClick={add} disabled={!pattern.trim() || !chosen} data-testid="pattern-add">
          Add
        </Button>
      </Group>
      <Group>
        <FileButton onChange={(f) => void importFile(f)} accept=".txt,.jsonl,.json">
          {(props) => (
            <Button variant="default" {...props}>
              Import terms or JSONL…
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          A text file holds one term per line for the chosen label; JSONL records name their label ({'{'}
          &quot;label&quot;, &quot;pattern&quot;
          {'}'}, as spaCy&apos;s EntityRuler writes them).
        </Text>
      </Group>
      <Table data-testid="patterns-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={140}>Label</Table.Th>
            <Table.Th w={90}>Kind</Table.Th>
            <Table.Th>Pattern</Table.Th>
            <Table.Th w={60} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {patterns.data?.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.label}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={p.kind === 'regex' ? 'grape' : 'blue'}>
                  {p.kind}
                </Badge>
              </Table.Td>
              <Table.Td style={{ fontFamily: p.kind === 'regex' ? 'monospace' : undefined }}>
                {p.pattern}
                {p.caseSensitive && (
                  <Text span size="xs" c="dimmed" ml="xs">
                    (case)
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Delete pattern ${p.pattern}`}
                  onClick={() => void api.invoke('patterns.delete', { id: p.id }).catch(fail('Not deleted'))}
                >
                  ✕
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {patterns.data?.length === 0 && <Text c="dimmed">No patterns yet.</Text>}
    </Stack>
  )
}
