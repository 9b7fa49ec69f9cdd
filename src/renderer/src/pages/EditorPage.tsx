/**
 * The labelling page. This first version shows a document with its spans and moves through the
 * queue; the keyboard-first editor (selection, hotkeys, undo) replaces its body.
 */
import { Alert, Badge, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core'
import { useEffect } from 'react'
import { useApi } from '../api/context'
import { useCall } from '../api/hooks'
import { navigate } from '../router'

export function EditorPage({ documentId }: { documentId: number | null }) {
  const api = useApi()
  useEffect(() => {
    if (documentId !== null) return
    void api.invoke('documents.first', { status: 'todo' }).then((d) => {
      if (d) navigate({ page: 'editor', documentId: d.id })
    })
  }, [api, documentId])
  const doc = useCall('documents.get', { id: documentId ?? 1 }, [documentId])
  const labels = useCall('labels.list', {})
  if (documentId === null) return <Text c="dimmed">Finding the next document…</Text>
  if (doc.error) return <Alert color="red">{doc.error}</Alert>
  const d = doc.data
  if (!d) return null
  const colors = new Map(labels.data?.map((l) => [l.name, l.color]) ?? [])
  const pieces: { text: string; label?: string }[] = []
  let at = 0
  for (const s of d.spans) {
    if (s.start > at) pieces.push({ text: d.text.slice(at, s.start) })
    pieces.push({ text: d.text.slice(s.start, s.end), label: s.label })
    at = s.end
  }
  if (at < d.text.length) pieces.push({ text: d.text.slice(at) })
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>Document {d.id}</Title>
        <Group gap="xs">
          <Badge variant="light">{d.split}</Badge>
          <Badge variant="light" color={d.status === 'done' ? 'green' : 'gray'} data-testid="doc-status">
            {d.status}
          </Badge>
        </Group>
      </Group>
      <Progress value={(d.done / Math.max(1, d.total)) * 100} aria-label="Documents done" />
      <Text size="sm" c="dimmed">
        {d.done} of {d.total} done · document {d.position} of {d.total}
      </Text>
      <Paper
        withBorder
        p="lg"
        style={{ fontSize: 18, lineHeight: 2, whiteSpace: 'pre-wrap' }}
        data-testid="doc-text"
      >
        {pieces.map((p, i) =>
          p.label ? (
            <mark
              key={i}
              data-label={p.label}
              style={{
                background: `${colors.get(p.label) ?? '#ccc'}55`,
                borderBottom: `3px solid ${colors.get(p.label) ?? '#ccc'}`,
                padding: '0 2px',
              }}
            >
              {p.text}
              <sup style={{ fontSize: 10, marginLeft: 2 }}>{p.label}</sup>
            </mark>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
      </Paper>
      <Group>
        <Button
          variant="default"
          disabled={!d.prevId}
          onClick={() => d.prevId && navigate({ page: 'editor', documentId: d.prevId })}
        >
          Previous
        </Button>
        <Button
          onClick={() =>
            void api
              .invoke('documents.setStatus', { id: d.id, status: 'done' })
              .then((v) => v.nextId && navigate({ page: 'editor', documentId: v.nextId }))
          }
          data-testid="mark-done"
        >
          Mark done
        </Button>
        <Button
          variant="default"
          disabled={!d.nextId}
          onClick={() => d.nextId && navigate({ page: 'editor', documentId: d.nextId })}
        >
          Next
        </Button>
      </Group>
    </Stack>
  )
}
