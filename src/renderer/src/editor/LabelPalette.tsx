/** Label buttons with their hotkeys: the mouse path to what digits do from the keyboard. */
import { Button, Group, Kbd } from '@mantine/core'
import type { Ref } from 'react'
import type { Keymap } from './model'
import { displayChord, labelAction } from './model'

export interface PaletteLabel {
  name: string
  color: string
}

export function LabelPalette({
  labels,
  keymap,
  onPick,
  firstButtonRef,
}: {
  labels: readonly PaletteLabel[]
  keymap: Keymap
  onPick: (label: string) => void
  firstButtonRef?: Ref<HTMLButtonElement>
}) {
  return (
    <Group gap={6} data-testid="label-palette" role="toolbar" aria-label="Labels">
      {labels.map((l, i) => {
        const chord = keymap.bindings.find((b) => b.action === labelAction(l.name))?.chord
        return (
          <Button
            key={l.name}
            ref={i === 0 ? firstButtonRef : undefined}
            size="compact-sm"
            variant="light"
            color={l.color}
            // Keep the text selection: a mousedown on a button would otherwise clear it.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(l.name)}
            rightSection={chord ? <Kbd size="xs">{displayChord(chord)}</Kbd> : undefined}
            data-testid={`label-${l.name}`}
          >
            {l.name}
          </Button>
        )
      })}
    </Group>
  )
}
