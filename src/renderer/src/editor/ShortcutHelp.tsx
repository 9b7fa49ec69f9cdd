/**
 * The `?` overlay: every shortcut of the current keymap, grouped, plus any hotkey conflicts. Label
 * hotkeys can be changed here: press "Change", then the new key; the keymap refuses a key that
 * would shadow another action before anything is saved.
 */
import { Alert, Button, Group, Kbd, Modal, Stack, Table, Text } from '@mantine/core'
import { useState, type KeyboardEvent } from 'react'
import type { Keymap } from './model'
import { displayChord, findConflicts, labelHotkeyFromKey, labelOfAction, shortcutTable } from './model'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

export interface ShortcutHelpProps {
  keymap: Keymap
  /** All label names, so labels without a key are listed and can get one. */
  labels: readonly string[]
  opened: boolean
  onClose: () => void
  /** Saves a label's hotkey ("p", "7"); absent when hotkeys cannot be changed here. */
  onSetLabelHotkey?: (label: string, hotkey: string) => Promise<void>
}

export function ShortcutHelp({ keymap, labels, opened, onClose, onSetLabelHotkey }: ShortcutHelpProps) {
  const conflicts = findConflicts(keymap)
  const [capturing, setCapturing] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  const onKeyDown = (e: KeyboardEvent) => {
    if (capturing === null || !onSetLabelHotkey) return
    e.preventDefault()
    e.stopPropagation()
    if (e.key === 'Escape') {
      setCapturing(null)
      setProblem(null)
      return
    }
    const result = labelHotkeyFromKey(keymap, capturing, e)
    if (!result.ok) {
      setProblem(result.reason)
      return
    }
    const label = capturing
    setCapturing(null)
    setProblem(null)
    onSetLabelHotkey(label, result.hotkey).catch((err: unknown) =>
      setProblem(err instanceof Error ? err.message : 'The hotkey was not saved.'),
    )
  }

  return (
    <Modal
      opened={opened}
      onClose={() => {
        setCapturing(null)
        setProblem(null)
        onClose()
      }}
      // While a new hotkey is being typed, Escape cancels the capture rather than the dialog.
      closeOnEscape={capturing === null}
      title="Keyboard shortcuts"
      size="lg"
      data-testid="shortcut-help"
    >
      <Stack gap="md" onKeyDownCapture={onKeyDown}>
        {conflicts.map((c) => (
          <Alert key={c.chord} color="orange" variant="light">
            {c.reason}
          </Alert>
        ))}
        {problem && (
          <Alert color="red" variant="light" data-testid="hotkey-problem">
            {problem}
          </Alert>
        )}
        {shortcutTable(keymap, labels).map((group) => (
          <div key={group.group}>
            <Text fw={600} size="sm" mb={4}>
              {group.group}
            </Text>
            <Table striped withRowBorders={false} verticalSpacing={2}>
              <Table.Tbody>
                {group.rows.map((row) => {
                  const label = labelOfAction(row.action)
                  return (
                    <Table.Tr key={row.action}>
                      <Table.Td w="40%">
                        {row.chords.length === 0 && <Text c="dimmed">no key</Text>}
                        {row.chords.map((c, i) => (
                          <span key={c}>
                            {i > 0 && ' or '}
                            <Kbd size="xs">{displayChord(c, isMac)}</Kbd>
                          </span>
                        ))}
                      </Table.Td>
                      <Table.Td>
                        <Group justify="space-between" gap="xs" wrap="nowrap">
                          <span>{row.description}</span>
                          {label !== null && onSetLabelHotkey && (
                            <Button
                              size="compact-xs"
                              variant={capturing === label ? 'filled' : 'subtle'}
                              onClick={() => {
                                setCapturing(capturing === label ? null : label)
                                setProblem(null)
                              }}
                              data-testid={`change-hotkey-${label}`}
                            >
                              {capturing === label ? 'Press a key…' : 'Change'}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  )
                })}
              </Table.Tbody>
            </Table>
          </div>
        ))}
      </Stack>
    </Modal>
  )
}
