/** Suggestions waiting for a decision: accept or reject each, or accept all above a threshold. */
import { ActionIcon, Badge, Button, Group, Paper, Slider, Stack, Text } from '@mantine/core'
import type { Suggestion } from './model'
import { suggestionsAbove } from './model'

export interface SuggestionListProps {
  text: string
  suggestions: readonly Suggestion[]
  colors: ReadonlyMap<string, string>
  focusedId: string | null
  threshold: number
  onThreshold: (t: number) => void
  onFocus: (id: string) => void
  onAccept: (id: string) => void
  onReject: (id: string) => void
  onAcceptAbove: () => void
}

export function SuggestionList(p: SuggestionListProps) {
  if (p.suggestions.length === 0) return null
  const above = suggestionsAbove(p.suggestions, p.threshold).length
  return (
    <Paper
      withBorder
      p="sm"
      w={340}
      mah="60vh"
      style={{ overflowY: 'auto', flexShrink: 0 }}
      data-testid="suggestions"
    >
      <Stack gap={6}>
        <Group justify="space-between">
          <Text fw={600} size="sm">
            Suggestions ({p.suggestions.length})
          </Text>
          <Button size="compact-xs" disabled={above === 0} onClick={p.onAcceptAbove}>
            Accept {above} at {Math.round(p.threshold * 100)}% or more
          </Button>
        </Group>
        <Slider
          aria-label="Confidence threshold"
          min={0}
          max={1}
          step={0.05}
          value={p.threshold}
          onChange={p.onThreshold}
          label={(v) => `${Math.round(v * 100)}%`}
        />
        {p.suggestions.map((s) => (
          <Group
            key={s.id}
            gap="xs"
            justify="space-between"
            onClick={() => p.onFocus(s.id)}
            style={{
              outline: p.focusedId === s.id ? '2px solid var(--mantine-color-blue-5)' : undefined,
              borderRadius: 4,
            }}
          >
            <Group gap={6}>
              <Badge size="sm" variant="light" color={p.colors.get(s.label) ?? 'gray'}>
                {s.label}
              </Badge>
              <Text size="sm">{p.text.slice(s.start, s.end)}</Text>
              <Text size="xs" c="dimmed">
                {Math.round(s.confidence * 100)}% · {s.source}
              </Text>
            </Group>
            <Group gap={4}>
              <ActionIcon
                size="sm"
                variant="light"
                color="green"
                aria-label="Accept"
                onClick={() => p.onAccept(s.id)}
              >
                ✓
              </ActionIcon>
              <ActionIcon
                size="sm"
                variant="light"
                color="red"
                aria-label="Reject"
                onClick={() => p.onReject(s.id)}
              >
                ✕
              </ActionIcon>
            </Group>
          </Group>
        ))}
      </Stack>
    </Paper>
  )
}
